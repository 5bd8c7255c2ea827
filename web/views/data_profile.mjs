// The profile of a loaded dataset as the core computed it: a card per column with its type,
// counts, statistics and a small histogram or its top values, then the quality warnings.
import { el } from './dom.mjs';
import { histogramSvg, fmt } from '../charts/histogram.mjs';

function bytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}

function stat(name, value) {
  return [el('dt', { text: name }), el('dd', { text: fmt(value) })];
}

function columnCard(c) {
  const stats = [stat('count', c.count), stat('missing', c.missing), stat('distinct', c.distinct)];
  if (c.type === 'integer' || c.type === 'float') {
    stats.push(stat('min', c.min), stat('mean', c.mean), stat('std', c.std), stat('max', c.max));
    const q = c.quantiles ?? {};
    stats.push(stat('p5 / p50 / p95', [q.p5, q.p50, q.p95].map(fmt).join(' / ')));
  } else if (c.type === 'datetime') {
    stats.push(stat('from', c.min_iso), stat('to', c.max_iso));
  } else if (c.type === 'boolean') {
    stats.push(stat('true', c.true_count), stat('false', c.false_count));
  }
  const chart = c.histogram?.counts?.length ? histogramSvg(c.histogram, { label: `Histogram of ${c.name}` }) : null;
  const top = c.top?.length
    ? el('ol', { class: 'top-values', 'aria-label': `Most frequent values of ${c.name}` },
      c.top.map((t) => el('li', {}, el('span', { text: t.value }), ' ', el('span', { class: 'count', text: `(${t.count})` }))))
    : null;
  return el('article', { class: 'column-card', 'aria-label': `Column ${c.name}` },
    el('h4', {}, c.name, ' ', el('span', { class: 'coltype', text: c.type })),
    el('dl', {}, stats.flat()), chart, top);
}

export function profileView(profile, csvWarnings = []) {
  const warnings = [...csvWarnings, ...profile.warnings];
  return el('div', { class: 'profile' },
    el('p', { text: `${profile.rows.toLocaleString('en')} rows × ${profile.columns.length} columns · ${profile.duplicate_rows} duplicate rows · ${bytes(profile.memory_bytes)} in typed columns` }),
    el('h4', { text: `Warnings (${warnings.length})` }),
    warnings.length
      ? el('ul', { class: 'warnings', 'aria-label': 'Quality warnings' }, warnings.map((w) =>
        el('li', {}, el('code', { text: w.code }), ' ', w.line ? `line ${w.line}: ` : '', w.message)))
      : el('p', { class: 'ok', text: 'No quality warnings.' }),
    el('div', { class: 'column-cards' }, profile.columns.map(columnCard)));
}
