// Batch scoring: a CSV file posted as text/csv to an endpoint's /invocations, as MLflow's scoring
// server takes it. The worker reads the file and asks the core (endpoint.score_csv in
// worker_tasks.mjs), which answers how many rows it scored and the predictions as a CSV (the input
// columns plus a prediction column) that this offers as a download.
import { el } from './dom.mjs';
import { errorText } from './runs_format.mjs';

export function batchScoring(app, { onAnswered }) {
  const endpoint = el('select', { id: 'batch-endpoint' });
  const file = el('input', { id: 'batch-file', type: 'file', accept: '.csv,text/csv' });
  const button = el('button', { type: 'submit', class: 'primary', text: 'Score file', disabled: true });
  const result = el('div', { class: 'batch-result', 'aria-live': 'polite' });
  let url = null;
  const form = el('form', { class: 'batch-form', 'aria-label': 'Batch scoring' },
    el('div', { class: 'row' },
      el('label', { for: endpoint.id, text: 'Batch endpoint' }), endpoint,
      el('label', { for: file.id, text: 'CSV file' }), file, button),
    el('p', { class: 'help', text: 'A header row naming the columns, then one row per line; columns the model does not use are ignored.' }),
    result);
  const ready = () => { button.disabled = !endpoint.value || !file.files.length; };
  file.addEventListener('change', ready);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files[0];
    if (!chosen || !endpoint.value) return;
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'muted', text: `Scoring ${chosen.name}…` }));
    const started = performance.now();
    try {
      const r = await app.client.call('endpoint.score_csv', { endpoint: endpoint.value, file: chosen });
      const ms = performance.now() - started;
      if (url) URL.revokeObjectURL(url);
      url = null;
      if (r.status !== 200) {
        result.replaceChildren(el('p', { class: 'error', role: 'alert', text: `${r.status}: ${r.message}` }));
        return;
      }
      url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      const name = `${chosen.name.replace(/\.csv$/i, '')}-predictions.csv`;
      result.replaceChildren(
        el('p', { class: 'ok', role: 'status', text: `Scored ${r.rows} rows of ${chosen.name} at ${endpoint.value} with ${r.model}:${r.version} in ${ms.toFixed(0)} ms (POST /invocations, text/csv).` }),
        r.ignored ? el('p', { class: 'muted', text: `Ignored columns: ${r.ignored}` }) : null,
        el('a', { href: url, download: name, class: 'download', text: `Download predictions (${r.rows} rows, CSV)` }));
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    } finally {
      ready();
      onAnswered();
    }
  });

  function update(endpoints) {
    const keep = endpoint.value;
    endpoint.replaceChildren(...endpoints.map((x) => el('option', { value: x.name, text: `${x.name} (${x.model}:${x.version})` })));
    if (endpoints.some((x) => x.name === keep)) endpoint.value = keep;
    else if (endpoints.some((x) => x.stage === 'PROD')) endpoint.value = endpoints.find((x) => x.stage === 'PROD').name;
    ready();
  }

  const element = el('section', { class: 'batch-section', 'aria-labelledby': 'batch-title' },
    el('h3', { id: 'batch-title', text: 'Batch scoring' }), form);
  return { element, update };
}
