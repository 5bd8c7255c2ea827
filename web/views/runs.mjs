// The Runs view (#/runs, #/runs/run-3): every training is a run in an experiment. A table of
// runs to sort, narrow by experiment, by the core's filter language (runs.list) and by free text;
// checkboxes to pick runs for the Compare panel; a run's detail with its note, artifacts and the
// form that registers its model. The core filters and compares; this view asks and shows.
import { el } from './dom.mjs';
import { comparePanel } from './runs_compare.mjs';
import { noteEditor, runDetail } from './runs_detail.mjs';
import { registerModelForm } from './runs_register.mjs';
import { mainMetrics, runsTable } from './runs_table.mjs';
import { errorText, modelName, routeOf } from './runs_format.mjs';

const FILTER_HELP = 'Conditions joined by "and", e.g. metrics.accuracy > 0.85 and params.max_depth = 3 and tags.model = "Decision Tree" and status = finished';

// What free text matches: the run's id, experiment, family, model, tags and note.
function matchesSearch(run, text) {
  if (!text) return true;
  const hay = [run.id, run.experiment, run.family, modelName(run), run.note,
    ...Object.entries(run.tags ?? {}).flat()].join('\n').toLowerCase();
  return text.toLowerCase().split(/\s+/).filter(Boolean).every((word) => hay.includes(word));
}

function filterErrorParts(err, text) {
  const parts = [el('p', { text: errorText(err) })];
  // The column the core named, under the filter as typed.
  if (err.column) parts.push(el('pre', { class: 'filter-caret', 'aria-hidden': 'true', text: `${text}\n${' '.repeat(Math.max(0, err.column - 1))}^` }));
  return parts;
}

export async function render(container, app) {
  await app.workspaceReady;
  const st = (app.runsView ??= { experiment: '', filter: '', search: '', sort: { key: 'id', ascending: false }, selected: new Set(), chartMetrics: null });
  const detailId = routeOf(app)[0] ?? null;
  const keep = new Map(); // run id -> {note, register}: forms that keep their answers across redraws

  const experiment = el('select', { id: 'runs-experiment' });
  const filter = el('input', { id: 'runs-filter', type: 'text', value: st.filter, size: '48', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'metrics.accuracy > 0.85', 'aria-describedby': 'runs-filter-help runs-filter-error' });
  const filterAlert = el('div', { id: 'runs-filter-error', class: 'error', role: 'alert' });
  const search = el('input', { id: 'runs-search', type: 'search', value: st.search, autocomplete: 'off', placeholder: 'id, model, tag or note' });
  const status = el('p', { class: 'runs-status', 'aria-live': 'polite' });
  const tableBox = el('div', { class: 'table-scroll' });
  const compareBox = el('div');
  const detailBox = el('div');
  const root = el('div', { class: 'runs-view' },
    el('h2', { text: 'Runs' }),
    el('p', { class: 'help', text: 'Every training is a run in an experiment: its parameters, metrics and artifacts. Pick two or more runs to compare them.' }),
    detailBox,
    el('form', { class: 'runs-toolbar', role: 'search', 'aria-label': 'Find runs' },
      el('label', { for: experiment.id, text: 'Experiment' }), experiment,
      el('label', { for: filter.id, text: 'Filter' }),
      el('div', {}, el('div', { class: 'row' }, filter, el('button', { type: 'submit', text: 'Apply filter' })),
        el('small', { id: 'runs-filter-help', class: 'help', text: FILTER_HELP }), filterAlert),
      el('label', { for: search.id, text: 'Search' }), search),
    status, tableBox, compareBox);

  let listed = []; // the runs the core listed for the experiment and filter
  let filterBad = false;
  let generation = 0;

  const allRuns = () => app.workspace.state?.workspace.tracking.runs ?? [];

  function keptFor(run) {
    if (!keep.has(run.id)) keep.set(run.id, { note: noteEditor(app, run), register: registerModelForm(app, run) });
    const k = keep.get(run.id);
    k.note.update(run);
    return k;
  }

  function drawTable(focusKey) {
    const shown = listed.filter((r) => matchesSearch(r, st.search));
    drawStatus(shown.length);
    tableBox.replaceChildren(runsTable({
      runs: shown, metrics: mainMetrics(shown), sort: st.sort, selected: st.selected,
      onSort: (key) => {
        st.sort = { key, ascending: st.sort.key === key ? !st.sort.ascending : key !== 'id' && !key.startsWith('metrics.') };
        drawTable(key);
      },
      onSelect: (id, checked) => {
        if (checked) st.selected.add(id); else st.selected.delete(id);
        tableBox.querySelector(`tr[data-run="${CSS.escape(id)}"]`)?.classList.toggle('selected', checked);
        drawStatus(shown.length);
        drawCompare();
      },
    }));
    if (focusKey) tableBox.querySelector(`button.sort[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function drawStatus(shown) {
    const total = allRuns().length;
    status.textContent = total === 0 ? 'No runs yet: train a model in the Train view; each training is logged as a run.'
      : `${shown} of ${total} run${total === 1 ? '' : 's'} shown${filterBad ? ' (the filter was not applied)' : ''}${st.selected.size ? `, ${st.selected.size} selected` : ''}.`;
  }

  async function drawCompare() {
    const mine = ++generation;
    const runs = allRuns().filter((r) => st.selected.has(r.id));
    if (runs.length < 2) {
      compareBox.replaceChildren(runs.length === 1 ? el('p', { class: 'help', text: 'Select one more run to compare.' }) : '');
      return;
    }
    st.onClear = () => { st.selected.clear(); drawTable(); drawCompare(); };
    try {
      const panel = await comparePanel(app, runs, st);
      if (mine === generation) compareBox.replaceChildren(panel);
    } catch (err) {
      if (mine === generation) compareBox.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  }

  function drawExperiments() {
    const names = (app.workspace.state?.workspace.tracking.experiments ?? []).map((e) => e.name);
    if (st.experiment && !names.includes(st.experiment)) st.experiment = '';
    experiment.replaceChildren(el('option', { value: '', text: 'All experiments' }), ...names.map((n) => el('option', { value: n, text: n })));
    experiment.value = st.experiment;
  }

  function drawDetail() {
    if (!detailId) { detailBox.replaceChildren(); return; }
    const run = allRuns().find((r) => r.id === detailId);
    detailBox.replaceChildren(run ? runDetail(app, run, keptFor(run))
      : el('p', { class: 'error', role: 'alert', text: `There is no run ${detailId} in this workspace.` }));
  }

  // Everything again from the workspace's state: after a change, a filter or an experiment.
  async function refresh() {
    const ids = new Set(allRuns().map((r) => r.id));
    for (const id of st.selected) if (!ids.has(id)) st.selected.delete(id);
    drawExperiments();
    drawDetail();
    const args = { ...(st.experiment ? { experiment: st.experiment } : {}), ...(st.filter ? { filter: st.filter } : {}) };
    try {
      listed = (await app.client.call('runs.list', args)).runs;
      filterBad = false;
      filterAlert.replaceChildren();
      filter.removeAttribute('aria-invalid');
    } catch (err) {
      filterAlert.replaceChildren(...filterErrorParts(err, st.filter));
      if (err.code !== 'tracking.bad_filter') { listed = []; drawTable(); return; }
      filter.setAttribute('aria-invalid', 'true');
      filterBad = true;
      // The runs without the filter, so the table still shows what there is.
      const { experiment: e } = args;
      listed = (await app.client.call('runs.list', e ? { experiment: e } : {})).runs;
    }
    drawTable();
    await drawCompare();
  }

  root.querySelector('form.runs-toolbar').addEventListener('submit', (e) => {
    e.preventDefault();
    st.filter = filter.value.trim();
    refresh();
  });
  experiment.addEventListener('change', () => { st.experiment = experiment.value; refresh(); });
  search.addEventListener('input', () => { st.search = search.value; drawTable(); });
  app.workspace.onChange(() => refresh(), root);
  container.replaceChildren(root);
  await refresh();
}
