// One run in full (#/runs/run-3): what it ran on and when, its params, metrics, tags and note
// (editable: run.set_note, run.set_tag), its artifacts (the confusion matrix as a small table,
// per-class scores, cross-validation, feature importances) and the form that registers its
// model. The dataset version links to its lineage.
import { el } from './dom.mjs';
import { confusionMatrix } from '../charts/heatmap.mjs';
import { barList } from '../charts/bars.mjs';
import { datasetLink, errorText, modelName, show, timeCell } from './runs_format.mjs';

function keyValues(title, entries, { empty, numeric = false } = {}) {
  if (!entries.length) return el('p', { class: 'placeholder', text: empty });
  return el('table', { 'aria-label': title }, el('caption', { text: title }),
    el('tbody', {}, entries.map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }),
      el('td', { class: numeric || typeof v === 'number' ? 'num' : null, text: show(v) })))));
}

function summary(run) {
  const rows = [
    ['Experiment', run.experiment],
    ['Status', run.status],
    ['Model', `${modelName(run)} (family ${run.family})`],
    ['Dataset', datasetLink(run.dataset)],
    ['Started', timeCell(run.start_time)],
    ['Ended', run.end_time === null ? 'still running' : timeCell(run.end_time)],
  ];
  if (run.end_time !== null) rows.push(['Duration', `${Math.round(run.end_time - run.start_time)} s (simulated)`]);
  return el('dl', { class: 'run-summary' }, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));
}

function artifacts(run) {
  const a = run.artifacts ?? {};
  const names = Object.keys(a);
  if (!names.length) return [el('p', { class: 'placeholder', text: 'No artifacts logged.' })];
  const out = [el('p', {}, 'Logged: ', names.join(', '), '.')];
  if (typeof a.model === 'string') out.push(el('p', {}, 'Model file: ', el('code', { text: a.model })));
  const labels = Array.isArray(a.per_class) ? a.per_class.map((c) => c.label) : null;
  if (Array.isArray(a.confusion_matrix)) out.push(confusionMatrix(a.confusion_matrix, labels ?? a.confusion_matrix.map((_, i) => String(i))));
  if (Array.isArray(a.per_class)) {
    const cols = ['precision', 'recall', 'f1', 'support'];
    out.push(el('table', { 'aria-label': 'Per-class scores' }, el('caption', { text: 'Per-class scores' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'class' }), cols.map((c) => el('th', { scope: 'col', text: c })))),
      el('tbody', {}, a.per_class.map((c) => el('tr', {}, el('th', { scope: 'row', text: String(c.label) }),
        cols.map((k) => el('td', { class: 'num', text: show(c[k]) })))))));
  }
  if (a.cv?.folds) out.push(el('p', { text: `${a.cv.folds.length}-fold cross-validation: ${a.cv.metric} ${show(a.cv.mean)} ± ${show(a.cv.std)}` }));
  if (Array.isArray(a.importances) && a.importances.length) {
    out.push(el('h5', { text: 'Feature importances' }),
      barList([...a.importances].sort((x, y) => y.value - x.value).slice(0, 10), { title: 'Feature importances' }));
  }
  return out;
}

// The note as a textarea with Save; kept across redraws by the view so "Saved" stays visible.
export function noteEditor(app, run) {
  let saved = run.note;
  const id = `run-note-${run.id}`;
  const text = el('textarea', { id, rows: '3', cols: '60', placeholder: 'What this run tried, what you saw' });
  text.value = run.note;
  const status = el('p', { 'aria-live': 'polite', class: 'note-status' });
  const button = el('button', { type: 'submit', text: 'Save note' });
  const form = el('form', { class: 'note-form', 'aria-label': 'Run note' }, el('label', { for: id, text: 'Note' }), text, el('div', { class: 'row' }, button), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren();
    try {
      await app.workspace.apply({ type: 'run.set_note', run: run.id, note: text.value });
      saved = text.value;
      status.replaceChildren(el('span', { class: 'ok', text: `Note saved on ${run.id}.` }));
    } catch (err) {
      status.replaceChildren(el('span', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  });
  // An undo may change the note; an edit in progress is left alone.
  const update = (now) => { if (text.value === saved && now.note !== saved) { saved = now.note; text.value = now.note; } };
  return { element: form, update };
}

function tagForm(app, run) {
  const key = el('input', { 'aria-label': 'Tag key', placeholder: 'key', size: '10', required: true });
  const value = el('input', { 'aria-label': 'Tag value', placeholder: 'value', size: '16' });
  const status = el('span', { 'aria-live': 'polite' });
  const form = el('form', { class: 'row', 'aria-label': 'Set a tag' }, key, '=', value, el('button', { type: 'submit', text: 'Set tag' }), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await app.workspace.apply({ type: 'run.set_tag', run: run.id, key: key.value.trim(), value: value.value });
    } catch (err) {
      status.replaceChildren(el('span', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  });
  return form;
}

// keep: {note, register} elements the view keeps for this run across redraws.
export function runDetail(app, run, keep) {
  const steps = Object.entries(run.series ?? {}).map(([k, pts]) => `${k} (${pts.length} steps)`);
  return el('section', { class: 'run-detail', 'aria-labelledby': 'run-detail-title' },
    el('div', { class: 'row' }, el('h3', { id: 'run-detail-title', text: `Run ${run.id}` }), el('a', { href: '#/runs', text: 'Close' })),
    summary(run),
    el('div', { class: 'result-tables' },
      keyValues('Parameters', Object.entries(run.params ?? {}), { empty: 'No parameters logged.' }),
      keyValues('Metrics', Object.entries(run.metrics ?? {}), { empty: 'No metrics logged.', numeric: true }),
      el('div', {}, keyValues('Tags', Object.entries(run.tags ?? {}), { empty: 'No tags.' }), tagForm(app, run))),
    steps.length ? el('p', { class: 'help', text: `Logged per step: ${steps.join(', ')}.` }) : null,
    keep.note.element,
    el('h4', { text: 'Artifacts' }), ...artifacts(run),
    el('h4', { text: 'Register model' }),
    el('p', { class: 'help', text: 'Adds this run\'s model to the registry as the next version of the model you name (IRIS:1, IRIS:2, ...).' }),
    keep.register);
}
