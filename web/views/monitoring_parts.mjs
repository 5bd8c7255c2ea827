// Parts of the Monitoring view that show what simulation.state answered: the quality chart with
// retraining and release markers (and the same markers as a list), the drift charts, the alerts
// table and the reference-against-current distribution overlay. They draw; the core computed.
import uPlot from '../vendor/uPlot.esm.js';
import { el } from './dom.mjs';
import { lineChart } from '../charts/line_chart.mjs';
import { fmt } from '../charts/histogram.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);
export const num = (x, digits = 3) => (x === null || x === undefined ? '—' : Number(x).toFixed(digits).replace(/\.?0+$/, '') || '0');

function addUplotCss() {
  const href = new URL('../vendor/uPlot.min.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) return;
  document.head.append(el('link', { rel: 'stylesheet', href }));
}

// The markers of the simulation as {day, label, kind} for the chart: a retraining, and the release
// that promoted its model when there was one.
function chartMarks(markers) {
  const out = [];
  for (const m of markers) {
    out.push({ day: m.day, kind: 'retraining', label: `${m.kind === 'retraining' ? 'retrain' : m.kind} ${m.model ?? ''}`.trim() });
    if (m.release?.status === 'succeeded') out.push({ day: m.day, kind: 'release', label: m.release.release });
  }
  return out;
}

// Quality per window (one point per window) with dashed vertical lines at retrainings and releases.
export function qualityChart(state) {
  addUplotCss();
  const s = state.series;
  const marks = chartMarks(state.markers);
  const figure = el('figure', { class: 'chart', 'aria-label': 'Model quality over time' });
  const drift = state.outcome?.drift_day;
  const opts = {
    title: `Model quality (${state.metric}) per window`, width: 560, height: 260,
    scales: { x: { time: false }, y: { range: [0, 1] } },
    axes: [{ label: 'day' }, { label: state.metric }],
    series: [{ label: 'day' },
      { label: state.metric, stroke: '#0b5cad', width: 2, spanGaps: true, points: { show: true, size: 5 } },
      { label: 'model version', stroke: '#a16207', width: 1, scale: 'v', spanGaps: true, points: { show: false } }],
    hooks: { draw: [(u) => {
      const { ctx } = u;
      const top = u.bbox.top;
      const bottom = top + u.bbox.height;
      ctx.save();
      ctx.font = `${10 * devicePixelRatio}px sans-serif`;
      const line = (day, color, label, row) => {
        const x = u.valToPos(day, 'x', true);
        ctx.strokeStyle = color; ctx.fillStyle = color; ctx.setLineDash([5, 4]);
        ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
        ctx.fillText(label, x + 3, top + (12 + row * 12) * devicePixelRatio);
      };
      if (drift !== null && drift !== undefined) line(drift, '#b91c1c', 'drift starts', 0);
      marks.forEach((m, i) => line(m.day, m.kind === 'release' ? '#15803d' : '#7e22ce', m.label, 1 + (i % 3)));
      ctx.restore();
    }] },
  };
  opts.scales.v = { range: [0, Math.max(2, ...s.version) + 1] };
  new uPlot(opts, [s.day, s.quality, s.version], figure);
  figure.append(el('figcaption', { text: `One point per window (labels arrive ${state.scenario?.traffic?.label_delay_days ?? 1} day(s) late, so the latest windows may have none yet). Dashed lines: red the drift's start, purple a retraining, green the release that promoted it.` }));
  return figure;
}

function markerLine(m, endpoint) {
  const parts = [`Window ${m.window} (day ${fmt(m.day)}): ${m.kind}${m.model ? ` of ${m.model}` : ''}`];
  if (m.pipeline_run) parts.push(`by ${m.pipeline_run}`);
  if (m.trigger) parts.push(`(trigger: ${m.trigger}, by ${m.by})`);
  parts.push(`— ${m.status}.`);
  const line = [parts.join(' ')];
  if (m.reason) line.push(m.reason);
  if (m.evaluation?.message) line.push(`Evaluation: ${m.evaluation.message}`);
  if (m.release) line.push(`${m.release.release} ${m.release.status}: ${m.promoted ? `promoted ${m.model} to ${endpoint}` : 'did not promote it'}.`);
  else if (m.promoted === false && m.status === 'succeeded') line.push('Not promoted: the champion stays.');
  return line.join(' ');
}

export function markerList(state) {
  const items = state.markers.map((m) => el('li', { 'data-kind': m.kind, 'data-window': String(m.window), text: markerLine(m, state.endpoint ?? 'PROD') }));
  return el('section', { 'aria-labelledby': 'mon-markers-h' },
    el('h3', { id: 'mon-markers-h', text: 'Retrainings and releases' }),
    items.length ? el('ol', { class: 'mon-markers', 'aria-label': 'Retraining and release markers' }, items)
      : el('p', { class: 'placeholder', text: 'No retraining yet.' }));
}

export function driftCharts(state) {
  const s = state.series;
  const share = lineChart({ title: 'Dataset drift share per window', xLabel: 'day', yLabel: 'share of drifted columns', width: 420,
    series: [{ label: 'drift share', x: s.day, y: s.dataset_drift_share },
      { label: 'alert threshold', x: s.day, y: s.day.map(() => state.scenario?.monitors?.drift_share ?? 0.5) }] });
  const cols = lineChart({ title: 'Per-column drift score per window', xLabel: 'day', yLabel: 'p-value (low = drift)', width: 420,
    series: Object.entries(s.drift).map(([column, y]) => ({ label: column, x: s.day, y })) });
  cols.append(el('figcaption', { text: 'Each column\'s test score against the serving version\'s training data; a column drifts when its score falls to its threshold.' }));
  return el('div', { class: 'mon-charts' }, share, cols);
}

export function alertsTable(state) {
  if (!state.alerts.length) return el('p', { class: 'placeholder', text: 'No alerts yet.' });
  return el('table', { class: 'mon-alerts', 'aria-label': 'Alerts' },
    el('caption', { text: `Alerts (${state.alerts.length})` }),
    el('thead', {}, el('tr', {}, ['Window', 'Day', 'Kind', 'Model', 'What happened'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, [...state.alerts].reverse().map((a) => el('tr', { 'data-window': String(a.window), 'data-monitor': a.monitor },
      el('td', { class: 'num', text: String(a.window) }), el('td', { class: 'num', text: fmt(a.day) }),
      el('td', {}, el('code', { text: a.monitor })), el('td', { text: `${state.model}:${a.version}` }),
      el('td', { text: a.message })))));
}

// Reference and current histograms over the same bins, overlaid: each as its share of its rows.
export function distributionOverlay(h) {
  const { edges, reference, current } = h.histogram;
  const width = 480;
  const height = 180;
  const refRows = reference.reduce((a, b) => a + b, 0) || 1;
  const curRows = current.reduce((a, b) => a + b, 0) || 1;
  const shares = [reference.map((c) => c / refRows), current.map((c) => c / curRows)];
  const max = Math.max(0.01, ...shares.flat());
  const w = width / Math.max(1, reference.length);
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'mon-overlay' })) svg.setAttribute(k, v);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${h.column}: reference (${h.reference_dataset}, ${h.reference_rows} rows) against window ${h.window} (${h.current_rows} rows)`;
  svg.append(title);
  const labels = (i) => (edges.length === reference.length + 1 ? `${fmt(edges[i])} to ${fmt(edges[i + 1])}` : String(edges[i] ?? i));
  shares.forEach((series, which) => series.forEach((v, i) => {
    const r = document.createElementNS(SVG, 'rect');
    const bh = (v / max) * (height - 4);
    for (const [k, val] of Object.entries({ x: (i * w + 0.5).toFixed(2), y: (height - bh).toFixed(2), width: Math.max(1, w - 1).toFixed(2),
      height: bh.toFixed(2), class: which ? 'current' : 'reference' })) r.setAttribute(k, val);
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${which ? 'current' : 'reference'} ${labels(i)}: ${pct(v)}`;
    r.append(t);
    svg.append(r);
  }));
  return el('figure', { class: 'chart mon-hist', 'aria-label': `Distribution of ${h.column}: reference against window ${h.window}` },
    svg,
    el('figcaption', {},
      el('span', { class: 'legend reference', text: `■ reference: ${h.reference_dataset} (${h.reference_rows} rows)` }), ' ',
      el('span', { class: 'legend current', text: `■ current: window ${h.window} (${h.current_rows} rows)` }),
      el('br'), `Bars are each sample's share of its rows, from ${fmt(edges[0])} to ${fmt(edges.at(-1))}.`),
    el('p', { class: `mon-verdict ${h.drift ? 'drift' : 'no-drift'}`, text: h.explanation }));
}
