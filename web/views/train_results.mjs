// The results of a training run as the core computed them: metrics, cross-validation folds,
// confusion matrix, ROC and precision-recall curves, feature importances, the loss per boosting
// iteration, and the test part's predictions to browse.
import { el } from './dom.mjs';
import { fmt } from '../charts/histogram.mjs';
import { lineChart } from '../charts/line_chart.mjs';
import { confusionMatrix } from '../charts/heatmap.mjs';
import { barList } from '../charts/bars.mjs';

const SHOWN = {
  classification: ['accuracy', 'balanced_accuracy', 'f1_macro', 'precision_macro', 'recall_macro', 'f1_weighted', 'roc_auc', 'log_loss'],
  regression: ['r2', 'rmse', 'mae', 'mse'],
};

function metricsTable(result) {
  const m = result.metrics;
  const names = SHOWN[result.task].filter((k) => k in m);
  return el('table', { 'aria-label': 'Test metrics' },
    el('caption', { text: `Metrics on the test part (${result.rows.test} rows)` }),
    el('tbody', {}, names.map((k) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { class: 'num', text: m[k] === null ? 'n/a' : fmt(m[k]) })))));
}

function cvTable(cv) {
  return el('table', { 'aria-label': 'Cross-validation' },
    el('caption', { text: `${cv.folds.length}-fold cross-validation on the training part: ${cv.metric} ${fmt(cv.mean)} ± ${fmt(cv.std)}` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'fold' }), el('th', { scope: 'col', text: cv.metric }))),
    el('tbody', {}, cv.folds.map((v, i) => el('tr', {}, el('th', { scope: 'row', text: String(i + 1) }), el('td', { class: 'num', text: fmt(v) })))));
}

function curves(result) {
  const m = result.metrics;
  const out = [];
  const classes = result.classes ?? [];
  const perClass = (c) => (Array.isArray(c) ? c : [c]);
  if (m.roc) {
    const roc = perClass(m.roc);
    out.push(lineChart({
      title: 'ROC curve', xLabel: 'false positive rate', yLabel: 'true positive rate', square: true,
      series: roc.map((c, i) => ({ label: roc.length > 1 ? `class ${classes[i]}` : `class ${classes[1] ?? ''}`, x: c.fpr, y: c.tpr })),
      caption: `ROC AUC ${fmt(m.roc_auc)}${roc.length > 1 ? ' (one-vs-rest, macro)' : ''}`,
    }));
  }
  if (m.pr) {
    const pr = perClass(m.pr);
    out.push(lineChart({
      title: 'Precision-recall curve', xLabel: 'recall', yLabel: 'precision', square: true,
      series: pr.map((c, i) => ({ label: pr.length > 1 ? `class ${classes[i]}` : `class ${classes[1] ?? ''}`, x: c.recall, y: c.precision })),
    }));
  }
  if (result.curve?.train_loss?.length) {
    const it = result.curve.train_loss.map((_, i) => i + 1);
    const series = [{ label: 'train', x: it, y: result.curve.train_loss }];
    if (result.curve.validation_loss?.length) series.push({ label: 'validation', x: it, y: result.curve.validation_loss });
    out.push(lineChart({ title: 'Loss per iteration', xLabel: 'iteration', yLabel: 'loss', series }));
  }
  if (result.task === 'regression' && m.residuals?.length) {
    const pts = [...m.residuals].sort((a, b) => a.predicted - b.predicted);
    out.push(lineChart({ title: 'Residuals', xLabel: 'predicted', yLabel: 'residual', series: [{ label: 'residual', x: pts.map((p) => p.predicted), y: pts.map((p) => p.residual) }] }));
  }
  return out;
}

function predictionsBrowser(client, result) {
  const PAGE = 25;
  let offset = 0;
  const body = el('tbody');
  const status = el('span', { 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', text: 'Previous predictions' });
  const next = el('button', { type: 'button', text: 'Next predictions' });
  async function show() {
    const r = await client.call('train.predictions', { model: result.model, offset, limit: PAGE });
    body.replaceChildren(...r.rows.map((p) => el('tr', { class: p.correct === false ? 'wrong' : '' },
      el('td', { class: 'num', text: String(p.row) }), el('td', { text: String(p.actual) }), el('td', { text: String(p.predicted) }),
      el('td', { class: 'num', text: p.confidence === undefined ? fmt(p.error) : fmt(p.confidence) }))));
    status.textContent = `${offset + 1} to ${Math.min(r.total, offset + PAGE)} of ${r.total}`;
    prev.disabled = offset === 0;
    next.disabled = offset + PAGE >= r.total;
  }
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); show(); });
  next.addEventListener('click', () => { offset += PAGE; show(); });
  show();
  const last = result.task === 'classification' ? 'confidence' : 'error';
  return el('div', {},
    el('table', { 'aria-label': 'Test predictions', class: 'predictions' },
      el('thead', {}, el('tr', {}, ['row', 'actual', 'predicted', last].map((h) => el('th', { scope: 'col', text: h })))), body),
    el('div', { class: 'row' }, prev, next, status));
}

// Saves the model file (versioned JSON) the core wrote, as a download.
function downloadButton(client, result) {
  const button = el('button', { type: 'button', text: 'Download model file' });
  button.addEventListener('click', async () => {
    const file = await client.call('model.save', { model: result.model });
    const url = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    const a = el('a', { href: url, download: `${result.family}-${result.target}.model.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

export function trainResults(client, result) {
  const parts = [
    el('p', { class: 'summary', text: `${result.display_name} on ${result.source}: ${result.task}, target ${result.target}, ${result.rows.train} training rows, ${result.rows.test} test rows, seed ${result.seed}.` }),
    el('div', { class: 'result-tables' }, metricsTable(result), result.cv ? cvTable(result.cv) : null),
  ];
  if (result.metrics.confusion_matrix) parts.push(confusionMatrix(result.metrics.confusion_matrix, result.classes));
  parts.push(el('div', { class: 'charts' }, curves(result)));
  if (result.importances?.length) {
    parts.push(el('h4', { text: `Feature importances (${result.importances_kind})` }),
      barList([...result.importances].sort((a, b) => b.value - a.value).slice(0, 20), { title: 'Feature importances' }));
  }
  parts.push(el('h4', { text: 'Predictions on the test part' }), predictionsBrowser(client, result),
    el('div', { class: 'row' }, downloadButton(client, result)));
  return el('section', { class: 'train-results', 'aria-label': 'Training results' }, parts);
}
