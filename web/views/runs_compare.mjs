// The Compare panel of the Runs view, for two or more runs: their params and metrics side by
// side as the core compared them (rows that differ marked with ≠ and a class, not by colour
// alone), their training-loss curves on one chart, and grouped bars of the metrics a person picks.
import { el } from './dom.mjs';
import { lineChart } from '../charts/line_chart.mjs';
import { groupedBars } from '../charts/grouped_bars.mjs';
import { runLink, show } from './runs_format.mjs';

// The Iris tutorial's three, when the runs have them.
const DEFAULT_CHART = ['accuracy', 'precision_macro', 'recall_macro'];

function sideBySide(title, section, values, differs, ids) {
  const names = Object.keys(values);
  if (!names.length) return el('p', { class: 'placeholder', text: `No ${section} logged for these runs.` });
  return el('table', { class: 'compare-table', 'aria-label': title },
    el('caption', { text: title }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: section === 'params' ? 'Parameter' : 'Metric' }),
      ids.map((id) => el('th', { scope: 'col' }, runLink(id))), el('th', { scope: 'col', text: 'Differs' }))),
    el('tbody', {}, names.map((name) => {
      const differ = !!differs[`${section}.${name}`];
      return el('tr', { class: differ ? 'differs' : null, 'data-name': name },
        el('th', { scope: 'row', text: name }),
        values[name].map((v) => el('td', { class: typeof v === 'number' ? 'num' : null, text: v === null ? '—' : show(v) })),
        el('td', { class: 'marker' }, differ ? el('span', { text: '≠ differs' }) : el('span', { class: 'visually-hidden', text: 'same' })));
    })));
}

function lossChart(runs) {
  const series = runs.filter((r) => r.series?.train_loss?.length)
    .map((r) => ({ label: r.id, x: r.series.train_loss.map((p) => p.step), y: r.series.train_loss.map((p) => p.value) }));
  if (!series.length) return el('p', { class: 'placeholder', text: 'None of these runs logged a training loss per step.' });
  const missing = runs.length - series.length;
  return lineChart({ title: 'Training loss per step', xLabel: 'step', yLabel: 'train_loss', series,
    caption: missing ? `${missing} of the runs logged no training loss per step.` : 'One curve per run.' });
}

function metricChart(runs, compared, st) {
  const names = Object.keys(compared.metrics);
  st.chartMetrics = (st.chartMetrics ?? DEFAULT_CHART).filter((m) => names.includes(m));
  if (!st.chartMetrics.length) st.chartMetrics = names.slice(0, 3);
  const chartBox = el('div', { class: 'metric-chart' });
  const draw = () => {
    const groups = compared.runs.map((id, i) => ({ label: id, values: Object.fromEntries(names.map((m) => [m, compared.metrics[m][i]])) }));
    chartBox.replaceChildren(st.chartMetrics.length
      ? groupedBars({ title: 'Metrics across runs', groups, metrics: names.filter((m) => st.chartMetrics.includes(m)) })
      : el('p', { class: 'placeholder', text: 'Pick one or more metrics to plot.' }));
  };
  const picker = el('fieldset', { class: 'metric-picker' }, el('legend', { text: 'Metrics to plot' }),
    names.map((m, i) => {
      const id = `chart-metric-${i}`;
      const box = el('input', { type: 'checkbox', id, value: m, checked: st.chartMetrics.includes(m) });
      box.addEventListener('change', () => {
        st.chartMetrics = names.filter((n) => (n === m ? box.checked : st.chartMetrics.includes(n)));
        draw();
      });
      return el('span', { class: 'feature' }, box, el('label', { for: id, text: m }));
    }));
  draw();
  return el('div', {}, picker, chartBox);
}

// runs: the selected run objects (two or more), in run order.
export async function comparePanel(app, runs, st) {
  const ids = runs.map((r) => r.id);
  const compared = await app.client.call('runs.compare', { runs: ids });
  const clear = el('button', { type: 'button', text: 'Clear selection' });
  clear.addEventListener('click', () => st.onClear?.());
  return el('section', { class: 'compare', 'aria-labelledby': 'compare-title' },
    el('h3', { id: 'compare-title', text: `Compare ${ids.length} runs` }),
    el('p', { class: 'help', text: 'Rows marked ≠ differ between the runs.' }),
    el('div', { class: 'result-tables' },
      sideBySide('Parameters', 'params', compared.params, compared.differs, compared.runs),
      sideBySide('Metrics', 'metrics', compared.metrics, compared.differs, compared.runs)),
    el('div', { class: 'charts' }, lossChart(runs), metricChart(runs, compared, st)),
    el('div', { class: 'row' }, clear));
}
