// Line charts (ROC and precision-recall curves, loss per iteration, metrics across runs) drawn by
// uPlot, vendored into the page (vendor/uPlot.esm.js) so it works offline. Series may have their
// own x values: they are merged onto one x axis with gaps spanned.
import uPlot from '../vendor/uPlot.esm.js';

const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#4d7c0f'];
let cssAdded = false;

function addCss() {
  if (cssAdded) return;
  cssAdded = true;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../vendor/uPlot.min.css', import.meta.url).href;
  document.head.append(link);
}

// series: [{label, x: [...], y: [...]}]; returns a <figure> with the chart and a caption.
export function lineChart({ title, xLabel, yLabel, series, width = 420, height = 260, square = false, caption = '' }) {
  addCss();
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const data = [xs, ...series.map((s) => {
    const ys = new Array(xs.length).fill(null);
    s.x.forEach((x, i) => { ys[index.get(x)] = s.y[i]; });
    return ys;
  })];
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.setAttribute('aria-label', title);
  const opts = {
    title, width, height,
    scales: { x: { time: false, ...(square ? { range: [0, 1] } : {}) }, ...(square ? { y: { range: [0, 1] } } : {}) },
    axes: [{ label: xLabel }, { label: yLabel }],
    series: [{ label: xLabel }, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true, points: { show: false } }))],
  };
  new uPlot(opts, data, figure);
  if (caption) {
    const c = document.createElement('figcaption');
    c.textContent = caption;
    figure.append(c);
  }
  return figure;
}
