// The cost meter of one pipeline run: what each compute cluster's nodes were billed (VM size,
// nodes, from and to on the simulated clock, seconds, price per node-hour, cost), the total, and
// the cluster settings that decided it (min and max nodes, idle seconds before scale-down). The
// core bills (core/ops/pipeline/compute_meter.hpp); this only shows its items.
import { el } from './dom.mjs';
import { clockText, durationText, money } from './pipelines_format.mjs';

// The cluster settings as the run's create_compute steps made or used them, else as the
// simulated cloud lists them now.
function clusters(run, cloud) {
  const out = new Map();
  for (const c of cloud?.computes ?? []) out.set(c.name, c);
  for (const s of run.steps) if (s.outputs?.compute && typeof s.outputs.compute === 'object') out.set(s.outputs.compute.name, s.outputs.compute);
  return out;
}

function clusterNote(c) {
  const standing = c.min_nodes > 0
    ? `${c.min_nodes} node${c.min_nodes === 1 ? '' : 's'} always up (billed all the time)`
    : 'no node up between jobs (min 0)';
  return `${c.name}: ${c.vm_size}, min ${c.min_nodes} and max ${c.max_nodes} node${c.max_nodes === 1 ? '' : 's'}; ${standing}; nodes a job adds stay up ${durationText(c.idle_seconds)} after it ends, then scale down.`;
}

export function costMeter(run, cloud, totalCost) {
  const { items = [], total = 0, currency = 'USD' } = run.cost ?? {};
  const settings = clusters(run, cloud);
  const used = [...new Set(items.map((i) => i.compute))];
  const table = items.length ? el('table', { class: 'cost-table', 'aria-label': `Cost meter of ${run.id}` },
    el('caption', { text: `Compute billed for ${run.id}` }),
    el('thead', {}, el('tr', {}, ['Compute', 'VM size', 'Nodes', 'Billed as', 'From', 'To', 'Seconds', 'Price per node-hour', 'Cost']
      .map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, items.map((i) => el('tr', {},
      el('td', { text: i.compute }), el('td', { text: i.vm_size }), el('td', { class: 'num', text: String(i.nodes) }),
      el('td', { text: i.kind === 'standing' ? 'standing (min nodes)' : 'burst (job + idle time)' }),
      el('td', { text: clockText(i.from) }), el('td', { text: clockText(i.to) }),
      el('td', { class: 'num', text: String(Math.round(i.seconds ?? i.to - i.from)) }),
      el('td', { class: 'num', text: `${i.price_per_hour} ${currency}` }),
      el('td', { class: 'num', text: money(i.cost, currency) })))),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', colspan: '8', text: 'Total' }), el('td', { class: 'num cost-total', text: money(total, currency) }))))
    : el('p', { class: 'placeholder', text: 'No compute was billed: no job ran on a compute cluster in this run.' });
  return el('section', { class: 'cost-meter', 'aria-label': 'Cost meter' },
    el('h4', { text: 'Cost meter' }),
    el('p', { class: 'cost-summary' }, 'Compute cost of this run: ', el('strong', { text: money(total, currency) }),
      totalCost !== undefined ? ` (all pipeline runs in this workspace: ${money(totalCost, currency)}).` : '.'),
    table,
    el('p', { class: 'help', text: 'Each node that is up is billed by the second at its VM size\'s price per node-hour: cost = nodes × seconds ÷ 3600 × price.' }),
    (used.length ? used : [...settings.keys()]).filter((n) => settings.has(n)).length
      ? el('ul', { class: 'cluster-notes', 'aria-label': 'Compute clusters' },
        (used.length ? used : [...settings.keys()]).filter((n) => settings.has(n)).map((n) => el('li', { text: clusterNote(settings.get(n)) })))
      : null);
}
