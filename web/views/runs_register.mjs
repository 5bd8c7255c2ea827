// "Register model" on a run: a model name (the dataset's name in capitals by default, so an Iris
// run becomes IRIS), tags as key=value and a description, sent as model.register. The core
// numbers the version; the form shows the reference it got (IRIS:1) with links onward. The Runs
// view keeps one form per run across redraws, so that answer stays while the workspace changes.
import { el } from './dom.mjs';
import { errorText, modelLineageLink, parseTags, tagsText } from './runs_format.mjs';

let forms = 0;

export function defaultModelName(run) {
  const base = run.dataset?.name || run.experiment.replace(/Experiment$/i, '') || run.family;
  return base.replace(/[^A-Za-z0-9_.-]/g, '_').toUpperCase();
}

export function registerModelForm(app, run) {
  const n = ++forms;
  const name = el('input', { id: `register-name-${n}`, value: defaultModelName(run), required: true, pattern: '[A-Za-z0-9_.\\-]+', autocomplete: 'off' });
  const tags = el('input', { id: `register-tags-${n}`, value: tagsText(run.tags?.model ? { model: run.tags.model } : {}), placeholder: 'key=value, key=value', autocomplete: 'off' });
  const description = el('input', { id: `register-description-${n}`, autocomplete: 'off' });
  const result = el('div', { class: 'register-result', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit', class: 'primary', text: 'Register model' });
  const form = el('form', { class: 'register-form', 'aria-label': 'Register model' },
    el('label', { for: name.id, text: 'Model name' }), name,
    el('label', { for: tags.id, text: 'Tags' }), tags,
    el('label', { for: description.id, text: 'Description' }), description,
    button, result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.replaceChildren();
    let command;
    try {
      command = { type: 'model.register', name: name.value.trim(), run: run.id, tags: parseTags(tags.value) };
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: err.message }));
      return;
    }
    if (description.value.trim()) command.description = description.value.trim();
    button.disabled = true;
    try {
      const out = await app.workspace.apply(command);
      result.replaceChildren(el('p', { class: 'ok' }, `Registered ${out.reference} from ${run.id}. `,
        el('a', { href: '#/models', text: 'Open in Models' }), ' · ', modelLineageLink(out.name, out.version, `Lineage of ${out.reference}`)));
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
