// "Compare the three setups": simulation.compare plays manual, continuous model delivery and CI/CD
// of pipelines on copies of the workspace (this one is not changed); the view shows the table and
// the three quality-per-day lines overlaid.
import { el } from './dom.mjs';
import { lineChart } from '../charts/line_chart.mjs';
import { num } from './monitoring_parts.mjs';

export function compareResult(out) {
  const head = ['Mode', 'Accuracy before drift', 'Mean after drift', 'Time to recover', 'Retrainings', 'Promotions', 'Alerts', 'Cost'];
  const metric = out.modes[0]?.outcome.metric ?? 'accuracy';
  if (metric !== 'accuracy') head[1] = `${metric} before drift`;
  const recover = (o) => (!o.dropped ? 'did not drop' : o.days_to_recover === null ? 'never' : `${num(o.days_to_recover, 1)} day(s)`);
  const table = el('table', { class: 'mon-compare', 'aria-label': 'The three setups compared' },
    el('caption', { text: `${out.scenario}, seed ${out.seed}${out.drift_day !== null ? `, drift from day ${out.drift_day}` : ''}` }),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, out.modes.map((m) => el('tr', { 'data-mode': m.mode },
      el('th', { scope: 'row', title: m.help, text: `${m.title} (${m.mode})` }),
      el('td', { class: 'num', text: num(m.outcome.baseline) }),
      el('td', { class: 'num', text: num(m.outcome.mean_after) }),
      el('td', { text: recover(m.outcome) }),
      el('td', { class: 'num', text: String(m.outcome.retrainings) }),
      el('td', { class: 'num', text: String(m.outcome.promotions) }),
      el('td', { class: 'num', text: String(m.outcome.alerts) }),
      el('td', { class: 'num', text: `$${num(m.outcome.cost, 4)}` })))));
  const chart = lineChart({ title: `Quality per day (${metric}), three setups`, xLabel: 'day', yLabel: metric, width: 560,
    series: out.modes.map((m) => ({ label: m.title, x: out.days, y: m.quality })) });
  const notes = el('ul', { class: 'mon-compare-notes' }, out.modes.map((m) => el('li', {},
    el('strong', { text: `${m.title}: ` }), m.help,
    m.retraining_windows.length ? ` Retrained in window(s) ${m.retraining_windows.join(', ')}; promoted in ${m.promotion_windows.join(', ') || 'none'}.` : ' Never retrained.')));
  const where = el('p', { class: 'help', text: 'Each setup plays on its own copy of this workspace as it is now (whatever model already serves at PROD starts the stream); this workspace is not changed.' });
  return el('div', { class: 'mon-compare-result' }, where, table, chart, notes);
}
