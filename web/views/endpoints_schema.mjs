// A form generated from the feature schema of the model version an endpoint serves
// (endpoint.schema): one labelled, typed input per feature (a number for integer and float, a
// choice for categorical and boolean, text for a date). "Build /score body" turns the values into
// the /score record; a field left empty is left out, so the endpoint's 400 names it.
import { el } from './dom.mjs';
import { errorText } from './runs_format.mjs';

function input(feature, i, value) {
  const id = `feature-${i}`;
  const v = value === undefined || value === null ? '' : String(value);
  switch (feature.type) {
    case 'integer':
    case 'float':
      return el('input', { id, type: 'number', step: feature.type === 'integer' ? '1' : 'any', value: v, 'data-type': feature.type });
    case 'boolean':
      return Object.assign(el('select', { id, 'data-type': 'boolean' }, ['', 'true', 'false'].map((o) => el('option', { value: o, text: o || '(empty)' }))), { value: v });
    case 'categorical': {
      const s = el('select', { id, 'data-type': 'categorical' }, el('option', { value: '', text: '(empty)' }),
        (feature.categories ?? []).map((c) => el('option', { value: c, text: c })));
      s.value = v;
      return s;
    }
    default:
      return el('input', { id, type: 'text', value: v, placeholder: feature.type === 'datetime' ? 'YYYY-MM-DD' : '', 'data-type': feature.type });
  }
}

function valueOf(control) {
  const text = control.value.trim();
  if (text === '') return undefined;
  switch (control.dataset.type) {
    case 'integer': case 'float': return Number(text);
    case 'boolean': return text === 'true';
    default: return text;
  }
}

// onBuild(record) gets {feature: value}; record() gives the values the form starts from.
export function schemaForm(app, { onBuild, record }) {
  const body = el('div', { class: 'schema-fields' });
  const legend = el('legend', { text: 'Features' });
  const button = el('button', { type: 'submit', text: 'Build /score body', disabled: true });
  const form = el('form', { class: 'schema-form', 'aria-label': 'Features form' }, el('fieldset', {}, legend, body, el('div', { class: 'row' }, button)));
  let controls = [];
  let loaded = '';

  async function load(endpoint, version) {
    const key = `${endpoint}@${version}`;
    if (!endpoint || key === loaded) return;
    loaded = key;
    try {
      const s = await app.client.call('endpoint.schema', { endpoint });
      if (loaded !== key) return;
      const start = record() ?? {};
      legend.textContent = `Features of ${s.model}:${s.version} (${s.task}; predicts ${s.target})`;
      controls = s.features.map((f, i) => ({ name: f.name, control: input(f, i, start[f.name]), type: f.type }));
      body.replaceChildren(...controls.map(({ name, control, type }) => el('div', { class: 'schema-field' },
        el('label', { for: control.id, text: name }), control, el('small', { class: 'muted', text: type }))));
      button.disabled = false;
    } catch (err) {
      loaded = '';
      body.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
      button.disabled = true;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const out = {};
    for (const { name, control } of controls) {
      const v = valueOf(control);
      if (v !== undefined) out[name] = v;
    }
    onBuild(out);
  });

  return { element: form, load };
}
