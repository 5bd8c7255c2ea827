// "New release": pick a registered model version (IRIS:2), see the release pipeline it will run
// (the core's release.definition: UAT with its smoke test, PROD behind an approval), tick failure
// toggles for teaching (release.failures) and Start release. The core runs the stages up to the
// first approval or failure on the simulated clock; this form only asks and reports.
import { el } from './dom.mjs';
import { FAILURE_SENTENCES, pretty, releaseSummary } from './releases_format.mjs';
import { errorText } from './runs_format.mjs';

function definitionView(def) {
  return el('ol', { class: 'release-pipeline', 'aria-label': 'Release pipeline' }, def.stages.map((s) => {
    const approver = s.approval ? (s.approval.role ?? 'Approver') : null;
    return el('li', { class: 'release-pipeline-stage' },
      el('h5', {}, `${s.name} `, el('span', { class: 'muted', text: `→ endpoint ${s.endpoint}` })),
      approver ? el('p', { text: `Pre-deployment approval by ${approver}, then deploy.` }) : el('p', { text: 'Deploy the model version.' }),
      s.smoke_test ? el('div', { class: 'smoke-spec' },
        el('p', { text: `Smoke test: POST /endpoints/${s.endpoint}/score with` }),
        el('pre', { class: 'json', text: pretty(s.smoke_test.payload) }),
        el('p', { text: 'expecting 200, application/json and' }),
        el('pre', { class: 'json', text: s.smoke_test.expect === null ? '(whatever the version answers)' : pretty(s.smoke_test.expect) })) : null);
  }));
}

export function newReleaseForm(app, { onStarted }) {
  const version = el('select', { id: 'release-version' });
  const pipeline = el('div', { class: 'release-pipeline-box', 'aria-live': 'polite' });
  const toggles = el('div', { class: 'failure-list' });
  const button = el('button', { type: 'submit', class: 'primary', text: 'Start release' });
  const result = el('div', { class: 'release-result', 'aria-live': 'polite' });
  const form = el('form', { class: 'release-form', 'aria-label': 'New release' },
    el('h3', { text: 'New release' }),
    el('div', { class: 'row' }, el('label', { for: version.id, text: 'Model version' }), version),
    el('h4', { text: 'Release pipeline' }), pipeline,
    el('fieldset', { class: 'failures' }, el('legend', { text: 'Failure toggles (for teaching)' }), toggles),
    el('div', { class: 'row' }, button), result);
  const boxes = [];
  let shown = '';

  const parse = (value) => {
    const at = value.lastIndexOf(':');
    return { model: value.slice(0, at), version: Number(value.slice(at + 1)) };
  };

  async function showDefinition() {
    if (!version.value || version.value === shown) return;
    shown = version.value;
    try {
      const def = await app.client.call('release.definition', parse(version.value));
      if (shown === version.value) pipeline.replaceChildren(definitionView(def));
    } catch (err) {
      pipeline.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  }

  app.client.call('release.failures').then((names) => {
    toggles.replaceChildren(...names.map((name) => {
      const box = el('input', { type: 'checkbox', id: `release-failure-${name}`, value: name });
      boxes.push(box);
      return el('div', { class: 'failure-toggle' }, box,
        el('label', { for: box.id }, el('code', { text: name }), `: ${FAILURE_SENTENCES[name] ?? 'a failure the core can inject'}`));
    }));
  }, (err) => toggles.replaceChildren(el('p', { class: 'error', text: errorText(err) })));

  version.addEventListener('change', showDefinition);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!version.value) return;
    result.replaceChildren();
    button.disabled = true;
    try {
      const failures = boxes.filter((b) => b.checked).map((b) => b.value);
      const release = await app.client.call('release.start', { ...parse(version.value), failures });
      await app.workspace.changed();
      for (const b of boxes) b.checked = false;
      result.replaceChildren(el('p', { class: release.status === 'failed' ? 'error' : 'ok', text: releaseSummary(release) }));
      onStarted(release);
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    } finally {
      button.disabled = !version.value;
    }
  });

  // The registered versions, newest first; the choice stays while it exists.
  function update(state) {
    const options = (state?.workspace.models.models ?? []).flatMap((m) => [...m.versions].reverse()
      .map((v) => ({ value: `${m.name}:${v.number}`, text: `${m.name}:${v.number} (${v.stage})` })));
    const keep = version.value;
    version.replaceChildren(...(options.length ? options.map((o) => el('option', { value: o.value, text: o.text }))
      : [el('option', { value: '', text: 'No registered model versions yet' })]));
    if (options.some((o) => o.value === keep)) version.value = keep;
    version.disabled = !options.length;
    button.disabled = !options.length;
    if (!options.length) shown = '';
    if (!options.length) pipeline.replaceChildren(el('p', { class: 'placeholder' }, 'Register a model version first: train in ',
      el('a', { href: '#/train', text: 'Train' }), ', then register the run\'s model in ', el('a', { href: '#/runs', text: 'Runs' }), '.'));
    showDefinition();
  }

  return { element: form, update };
}
