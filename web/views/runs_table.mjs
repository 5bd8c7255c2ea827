// The table of runs: one row per run with its experiment, status, model, dataset version, start
// time on the simulated clock and main metrics; a checkbox per row to pick runs to compare; the
// column headers are buttons that sort (again to reverse), so sorting works from the keyboard.
import { el } from './dom.mjs';
import { datasetLink, datasetRef, modelName, runLink, show, timeCell } from './runs_format.mjs';

// The metrics a class looks at first, in this order; others follow alphabetically.
const MAIN = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'r2', 'rmse', 'mae', 'cv_mean'];
const MAX_METRICS = 6;

export function mainMetrics(runs) {
  const names = new Set(runs.flatMap((r) => Object.keys(r.metrics ?? {})));
  const first = MAIN.filter((m) => names.has(m));
  const rest = [...names].filter((m) => !MAIN.includes(m)).sort();
  return [...first, ...rest].slice(0, MAX_METRICS);
}

const runNumber = (id) => Number(String(id).replace(/^run-/, ''));

const COLUMNS = [
  { key: 'id', label: 'Run', value: (r) => runNumber(r.id), cell: (r) => runLink(r.id) },
  { key: 'experiment', label: 'Experiment', value: (r) => r.experiment, cell: (r) => r.experiment },
  { key: 'status', label: 'Status', value: (r) => r.status, cell: (r) => el('span', { class: `status status-${r.status}`, text: r.status }) },
  { key: 'model', label: 'Model', value: (r) => modelName(r), cell: (r) => el('span', { title: `family ${r.family}`, text: modelName(r) }) },
  { key: 'dataset', label: 'Dataset', value: (r) => datasetRef(r.dataset) || null, cell: (r) => datasetLink(r.dataset) },
  { key: 'start_time', label: 'Started', value: (r) => r.start_time, cell: (r) => timeCell(r.start_time) },
];

function metricColumn(name) {
  return { key: `metrics.${name}`, label: name, numeric: true, value: (r) => r.metrics?.[name] ?? null, cell: (r) => show(r.metrics?.[name]) };
}

// Runs lacking the value come last in either direction, as MLflow orders them.
export function sortRuns(runs, { key, ascending }) {
  const column = COLUMNS.find((c) => c.key === key) ?? (key.startsWith('metrics.') ? metricColumn(key.slice(8)) : COLUMNS[0]);
  const dir = ascending ? 1 : -1;
  return [...runs].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * dir || runNumber(a.id) - runNumber(b.id);
  });
}

// {runs, metrics, sort: {key, ascending}, selected: Set of ids, onSort(key), onSelect(id, checked)}
export function runsTable({ runs, metrics, sort, selected, onSort, onSelect }) {
  const columns = [...COLUMNS, ...metrics.map(metricColumn)];
  const head = el('tr', {}, el('th', { scope: 'col', class: 'select-col' }, el('span', { class: 'visually-hidden', text: 'Compare' })),
    columns.map((c) => {
      const sorted = sort.key === c.key;
      const button = el('button', { type: 'button', class: 'sort', 'data-key': c.key },
        c.label, el('span', { 'aria-hidden': 'true', class: 'sort-mark', text: sorted ? (sort.ascending ? ' ▲' : ' ▼') : '' }));
      button.addEventListener('click', () => onSort(c.key));
      return el('th', { scope: 'col', class: c.numeric ? 'num' : null, 'aria-sort': sorted ? (sort.ascending ? 'ascending' : 'descending') : 'none' }, button);
    }));
  const rows = sortRuns(runs, sort).map((r) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `Select ${r.id}`, checked: selected.has(r.id) });
    box.addEventListener('change', () => onSelect(r.id, box.checked));
    return el('tr', { 'data-run': r.id, class: selected.has(r.id) ? 'selected' : null },
      el('td', { class: 'select-col' }, box),
      columns.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c.cell(r)) : el('td', { class: c.numeric ? 'num' : null }, c.cell(r)))));
  });
  return el('table', { class: 'runs-table', 'aria-label': 'Runs' },
    el('thead', {}, head),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: String(columns.length + 1), class: 'placeholder', text: 'No runs match.' }))));
}
