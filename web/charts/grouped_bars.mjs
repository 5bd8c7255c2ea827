// Grouped bars for metrics across runs (the Iris tutorial's "plot recall, precision and accuracy
// and compare between runs"): one group per run, one bar per metric, a legend naming the
// metrics, and each bar's value as text on hover and for screen readers. It draws the values
// the core logged; it computes none.
import { el } from '../views/dom.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#4d7c0f'];

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const label = (v) => (Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, ''));

// groups: [{label: 'run-1', values: {accuracy: 0.9, ...}}]; metrics: names in legend order.
export function groupedBars({ title, groups, metrics, height = 260 }) {
  const values = groups.flatMap((g) => metrics.map((m) => g.values[m]).filter((v) => typeof v === 'number'));
  const lo = Math.min(0, ...values);
  const hi = Math.max(lo + 1e-12, ...values, values.every((v) => v >= 0 && v <= 1) ? 1 : 0);
  const bar = 16;
  const gap = 24;
  const groupWidth = metrics.length * bar;
  const left = 48;
  const top = 12;
  const bottom = 36;
  const width = Math.max(320, left + groups.length * (groupWidth + gap) + gap);
  const plot = height - top - bottom;
  const y = (v) => top + ((hi - v) / (hi - lo)) * plot;

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'grouped-bars',
    'aria-label': `${title}: ${metrics.join(', ')} for ${groups.map((g) => g.label).join(', ')}` });
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    chart.append(svg('line', { x1: left, x2: width - 4, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, label(v)));
  }
  chart.append(svg('line', { x1: left, x2: width - 4, y1: y(0), y2: y(0), class: 'axis' }));
  groups.forEach((g, gi) => {
    const x0 = left + gap + gi * (groupWidth + gap);
    const group = svg('g', { class: 'bar-group', 'data-run': g.label, 'aria-label': g.label });
    metrics.forEach((m, mi) => {
      const v = g.values[m];
      if (typeof v !== 'number') return;
      const rect = svg('rect', { x: x0 + mi * bar, y: Math.min(y(v), y(0)), width: bar - 2, height: Math.max(1, Math.abs(y(v) - y(0))),
        fill: COLORS[mi % COLORS.length], 'data-metric': m });
      rect.append(svg('title', {}, `${g.label} ${m} ${label(v)}`));
      group.append(rect);
    });
    group.append(svg('text', { x: x0 + groupWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'group-label' }, g.label));
    chart.append(group);
  });
  const legend = el('ul', { class: 'legend', 'aria-label': 'Metrics' }, metrics.map((m, i) =>
    el('li', {}, el('span', { class: 'swatch', style: `background:${COLORS[i % COLORS.length]}`, 'aria-hidden': 'true' }), m)));
  return el('figure', { class: 'chart', 'aria-label': title }, el('figcaption', { class: 'chart-title', text: title }), chart, legend);
}
