// The Run part of the Pipelines view: the failure toggles (those the spec can show, per
// pipeline.validate's `failures`; the others disabled with the reason), the trigger, Run and Save,
// and the progress of a run with Cancel while the data loads. Once the core runs the pipeline
// (one call) there is nothing left to cancel, and the progress says so.
import { el } from './dom.mjs';

// toggles: pipeline.step_kinds' failures [{name, step_kind, help}]; kinds: its step kinds.
export function runForm({ toggles, kinds, chosen, onRun, onSave, onCancel }) {
  const boxes = toggles.map((t) => {
    const box = el('input', { type: 'checkbox', id: `pipeline-fail-${t.name}`, value: t.name, checked: chosen.has(t.name), 'aria-describedby': `pipeline-fail-${t.name}-why` });
    box.addEventListener('change', () => { if (box.checked) chosen.add(t.name); else chosen.delete(t.name); });
    const why = el('small', { id: `pipeline-fail-${t.name}-why`, class: 'help' });
    return { t, box, why, element: el('div', { class: 'failure-toggle' }, box, el('label', { for: box.id, text: t.name }), ' ', why) };
  });
  const trigger = el('select', { id: 'pipeline-trigger' });
  const triggerHelp = el('small', { class: 'help', id: 'pipeline-trigger-help' });
  trigger.setAttribute('aria-describedby', triggerHelp.id);
  const runButton = el('button', { type: 'submit', class: 'primary', text: 'Run pipeline' });
  const saveButton = el('button', { type: 'button', text: 'Save pipeline with this trigger' });
  const bar = el('progress', { max: '1', value: '0', 'aria-label': 'Pipeline run progress' });
  const barText = el('span', { class: 'progress-text' });
  const cancel = el('button', { type: 'button', text: 'Cancel run' });
  const progress = el('div', { class: 'progress', hidden: true }, bar, ' ', barText, ' ', cancel);
  const alert = el('div', { class: 'error', role: 'alert' });
  const status = el('p', { class: 'run-form-status', 'aria-live': 'polite' });

  const kindName = (k) => kinds.find((x) => x.name === k)?.display_name ?? k;
  function syncTrigger() {
    const v = trigger.value;
    triggerHelp.textContent = v === 'manual' ? 'Run pipeline runs it now, as a manual run.'
      : `Save pipeline keeps it in the workspace; it then runs ${v === 'schedule' ? 'every simulated day, when you advance the clock below' : `once a new version of ${v.slice('dataset:'.length)} is registered`}. Run pipeline still runs it now, by hand.`;
    saveButton.disabled = v === 'manual';
  }
  trigger.addEventListener('change', syncTrigger);

  const form = el('form', { class: 'run-form', 'aria-label': 'Run the pipeline' },
    el('fieldset', { class: 'failures' }, el('legend', { text: 'Inject failures' }),
      el('p', { class: 'help', text: 'Each toggle makes one kind of step fail as it would in a real cloud, to see how a pipeline stops.' }),
      boxes.map((b) => b.element)),
    el('div', { class: 'row' }, el('label', { for: trigger.id, text: 'Trigger' }), trigger, triggerHelp),
    el('div', { class: 'row' }, runButton, saveButton),
    progress, alert, status);
  form.addEventListener('submit', (e) => { e.preventDefault(); onRun(); });
  saveButton.addEventListener('click', () => onSave());
  cancel.addEventListener('click', () => onCancel());

  let timer = null;
  return {
    element: form,
    failures: () => boxes.filter((b) => b.box.checked && !b.box.disabled).map((b) => b.t.name),
    trigger: () => trigger.value,
    // check: pipeline.validate's answer when the spec checks, else null.
    setChecked(check) {
      for (const b of boxes) {
        const can = !!check?.failures?.includes(b.t.name);
        b.box.disabled = !can;
        if (!can) b.box.checked = false;
        else b.box.checked = chosen.has(b.t.name);
        b.why.textContent = !check ? `${b.t.help} (Check the spec first.)`
          : can ? b.t.help : `Not in this pipeline: it needs a "${kindName(b.t.step_kind)}" step (${b.t.step_kind}); iris-build-gated has one.`;
      }
      const datasets = new Set();
      for (const st of check?.stages ?? []) for (const j of st.jobs) for (const s of j.steps) if (s.kind === 'upload_data' && s.inputs?.dataset) datasets.add(s.inputs.dataset);
      const old = trigger.value || 'manual';
      trigger.replaceChildren(el('option', { value: 'manual', text: 'manual' }),
        el('option', { value: 'schedule', text: 'schedule: every simulated day' }),
        ...[...datasets].map((d) => el('option', { value: `dataset:${d}`, text: `new version of dataset ${d}` })));
      trigger.value = [...trigger.options].some((o) => o.value === old) ? old : 'manual';
      syncTrigger();
    },
    // A run in progress: the progress bar shows only after a moment, so a quick run does not flash.
    busy(on) {
      runButton.disabled = on;
      saveButton.disabled = on || trigger.value === 'manual';
      clearTimeout(timer);
      if (on) {
        alert.replaceChildren();
        status.textContent = '';
        bar.removeAttribute('value');
        barText.textContent = 'Starting…';
        cancel.disabled = false;
        timer = setTimeout(() => { progress.hidden = false; }, 200);
      } else {
        progress.hidden = true;
      }
    },
    progress({ phase, done, total, message }) {
      if (total) bar.value = done / total; else bar.removeAttribute('value');
      barText.textContent = message ?? '';
      if (phase === 'core') cancel.disabled = true;
    },
    fail(text) { alert.textContent = text; },
    say(text) { status.textContent = text; },
  };
}
