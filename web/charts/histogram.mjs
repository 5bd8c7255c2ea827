// A small bar chart of a histogram (counts over bins) as inline SVG, with a text equivalent for
// screen readers. It draws what the core computed; it computes nothing itself.
const SVG = 'http://www.w3.org/2000/svg';

export function histogramSvg({ counts, edges }, { width = 160, height = 40, label = 'Histogram' } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'histogram');
  const max = Math.max(1, ...counts);
  const w = width / Math.max(1, counts.length);
  counts.forEach((c, i) => {
    const h = (c / max) * (height - 2);
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', (i * w + 0.5).toFixed(2));
    r.setAttribute('y', (height - h).toFixed(2));
    r.setAttribute('width', Math.max(1, w - 1).toFixed(2));
    r.setAttribute('height', h.toFixed(2));
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${fmt(edges[i])} to ${fmt(edges[i + 1])}: ${c}`;
    r.append(t);
    svg.append(r);
  });
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${label}: ${counts.length} bins from ${fmt(edges[0])} to ${fmt(edges[edges.length - 1])}`;
  svg.prepend(title);
  return svg;
}

export function fmt(x) {
  if (x === null || x === undefined) return '';
  if (typeof x !== 'number') return String(x);
  return Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, '');
}
