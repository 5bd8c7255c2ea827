// The Pipelines view (#/pipelines, #/pipelines/run/iris-build%231): build pipelines as code. A
// spec editor preloaded with the IRIS build pipeline (pipelines/index.json lists the specs), the
// YAML parsed here into JSON plus a line map (pipeline_yaml.mjs) and checked by the core
// (pipeline.validate) on demand and before every run; the variable library; failure toggles, a
// trigger and Run (the data sources the spec reads are loaded in the worker first); the run as
// stages > jobs > steps with logs and the cost meter; past runs; the simulated clock. The core
// decides everything; this view asks and shows.
import { el } from './dom.mjs';
import { parseSpecText } from '../pipeline_yaml.mjs';
import { specEditor } from './pipelines_editor.mjs';
import { clockPanel, runsTable } from './pipelines_history.mjs';
import { runForm } from './pipelines_run_form.mjs';
import { runView } from './pipelines_run_view.mjs';
import { variableLibrary } from './pipelines_variables.mjs';
import { runHref } from './pipelines_format.mjs';
import { errorText, routeOf } from './runs_format.mjs';

const PIPELINES = new URL('../pipelines/', import.meta.url);

async function fetchText(path) {
  const res = await fetch(new URL(path, PIPELINES));
  if (!res.ok) throw new Error(`Could not read pipelines/${path}: HTTP ${res.status}.`);
  return res.text();
}

// What the view needs once per page: the spec list, the variable group files, the step kinds.
async function loadShelf(app, st) {
  if (st.index) return;
  const index = JSON.parse(await fetchText('index.json'));
  const groups = {};
  for (const g of index.variable_groups ?? []) groups[g.name] = JSON.parse(await fetchText(g.file));
  const kinds = await app.client.call('pipeline.step_kinds', {});
  Object.assign(st, { index, groups, kinds, file: st.file ?? (index.pipelines.find((p) => p.default) ?? index.pipelines[0]).file });
}

// The groups the shipped files define and the workspace lacks go into its variable library.
async function ensureGroups(app, st) {
  const { groups } = await app.client.call('variables.groups', {});
  const missing = Object.entries(st.groups).filter(([name]) => !groups.some((g) => g.name === name));
  for (const [name, g] of missing) {
    await app.client.call('variables.set_group', { name, variables: g.variables ?? g, ...(g.description ? { description: g.description } : {}) });
  }
  if (missing.length) await app.workspace.changed();
}

// The view loads files before it draws; a student who moved on meanwhile keeps the view they chose.
const stillShown = () => /^#\/?pipelines(\/|$)/.test(location.hash);

export async function render(container, app) {
  await app.workspaceReady;
  const st = (app.pipelinesView ??= { texts: {}, tables: {}, failures: new Set(), lastRun: null });
  const { client } = app;
  const [routeKind, routeId] = routeOf(app);
  try {
    await loadShelf(app, st);
    await ensureGroups(app, st);
  } catch (err) {
    if (stillShown()) container.replaceChildren(el('h2', { text: 'Pipelines' }), el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    return;
  }
  st.texts[st.file] ??= await fetchText(st.file);
  if (!stillShown()) return;

  const editor = specEditor({
    specs: st.index.pipelines, file: st.file, text: st.texts[st.file],
    onPick: async (file) => {
      st.texts[st.file] = editor.text;
      try {
        st.texts[file] ??= await fetchText(file);
      } catch (err) {
        editor.showProblems(errorText(err), []);
        return;
      }
      st.file = file;
      editor.setText(st.texts[file]);
      await check();
    },
    onInput: (text) => { st.texts[st.file] = text; },
  });
  const checkButton = el('button', { type: 'button', text: 'Check spec' });
  const variables = variableLibrary(app, st.groups);
  const form = runForm({ toggles: st.kinds.failures, kinds: st.kinds.step_kinds, chosen: st.failures, onRun: run, onSave: save, onCancel: () => controller?.abort() });
  const runBox = el('div', { class: 'run-box' });
  const historyBox = el('div', { class: 'table-scroll' });
  const clock = clockPanel(app, { tick });
  const root = el('div', { class: 'pipelines-view' },
    el('h2', { text: 'Pipelines' }),
    el('p', { class: 'help', text: 'A build pipeline as code: stages of jobs of steps. Steps marked simulated stand in for cloud work (installing packages, creating compute); upload, train and register do the real work in this page\'s core, on a simulated clock with a cost meter.' }),
    el('section', { class: 'pipeline-spec', 'aria-labelledby': 'pipeline-spec-title' },
      el('h3', { id: 'pipeline-spec-title', text: 'Spec' }), editor.element, el('div', { class: 'row' }, checkButton)),
    variables.element,
    el('section', { class: 'pipeline-run-form', 'aria-labelledby': 'pipeline-run-form-title' },
      el('h3', { id: 'pipeline-run-form-title', text: 'Run' }), form.element),
    runBox,
    el('section', { class: 'pipeline-history', 'aria-labelledby': 'pipeline-history-title' },
      el('h3', { id: 'pipeline-history-title', text: 'Past pipeline runs' }), historyBox),
    clock.element);

  let controller = null;
  let replaying = null;
  let openId = routeKind === 'run' && routeId ? routeId : st.lastRun;

  // The spec as JSON plus its line map, checked by the core; null (problems shown) when not.
  async function check() {
    const parsed = parseSpecText(editor.text);
    if (parsed.errors.length) {
      editor.showProblems(`The spec is not valid YAML: ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}.`, parsed.errors);
      form.setChecked(null);
      return null;
    }
    const args = { spec: parsed.spec, lines: parsed.lines, groups: st.groups };
    let v;
    try {
      v = await client.call('pipeline.validate', args);
    } catch (err) {
      editor.showProblems(errorText(err), []);
      form.setChecked(null);
      return null;
    }
    if (!v.ok) {
      editor.showProblems(`The spec has ${v.errors.length} problem${v.errors.length === 1 ? '' : 's'}: fix ${v.errors.length === 1 ? 'it' : 'them'} before running.`, v.errors);
      form.setChecked(null);
      return null;
    }
    const steps = v.stages.reduce((n, s) => n + s.jobs.reduce((m, j) => m + j.steps.length, 0), 0);
    editor.showProblems(`The spec checks: pipeline ${v.name}, ${v.stages.length} stage${v.stages.length === 1 ? '' : 's'}, ${steps} steps; data sources: ${v.sources.join(', ') || 'none'}.`, [], { ok: true });
    form.setChecked(v);
    return { args, check: v };
  }

  async function withSources(command, args, sources) {
    controller = new AbortController();
    try {
      const data = Object.fromEntries(sources.filter((s) => st.tables[s]).map((s) => [s, st.tables[s]]));
      const out = await client.call('pipeline.with_sources', { command, args, sources, data }, { signal: controller.signal, onProgress: (p) => form.progress(p) });
      Object.assign(st.tables, out.data);
      return out;
    } finally {
      controller = null;
    }
  }

  async function run() {
    if (replaying) return;
    form.busy(true);
    try {
      const checked = await check();
      if (!checked) { form.fail('The spec does not check: see the problems listed under it.'); return; }
      const out = await withSources('pipeline.run', { ...checked.args, failures: form.failures(), trigger: 'manual' }, checked.check.sources);
      st.lastRun = out.run.id;
      openId = out.run.id;
      await app.workspace.changed();
      history.replaceState(null, '', runHref(out.run.id));
      form.say(`${out.run.id} ${out.run.status}.${out.triggered.length ? ` It triggered ${out.triggered.map((t) => `${t.id} (${t.status})`).join(', ')}.` : ''}`);
      await showRun(out.run.id, { replay: true });
    } catch (err) {
      form.fail(err.code === 'core.cancelled' ? 'Run cancelled before the pipeline started: nothing was recorded.' : `The run did not start: ${errorText(err)}`);
    } finally {
      form.busy(false);
    }
  }

  async function save() {
    const checked = await check();
    if (!checked) { form.fail('The spec does not check: see the problems listed under it.'); return; }
    const t = form.trigger();
    const trigger = t === 'schedule' ? { schedule: { every: 86400 } } : { dataset: t.slice('dataset:'.length) };
    try {
      const out = await client.call('pipeline.save', { ...checked.args, trigger });
      await app.workspace.changed();
      form.say(`Saved ${out.name}: it runs on ${t === 'schedule' ? 'a schedule, every simulated day' : `each new version of ${trigger.dataset}`}.`);
    } catch (err) {
      form.fail(errorText(err));
    }
  }

  // Advances the clock; the saved pipelines' data sources are loaded first.
  async function tick(seconds) {
    const { pipelines } = await client.call('pipeline.saved', {});
    const sources = [];
    for (const p of pipelines) {
      const v = await client.call('pipeline.validate', { spec: p.spec, groups: st.groups }).catch(() => null);
      sources.push(...(v?.sources ?? []));
    }
    const out = await withSources('pipeline.tick', { seconds }, sources);
    await app.workspace.changed();
    return out;
  }

  // quiet: a run remembered from before that this workspace no longer has shows nothing.
  async function showRun(id, { replay = false, quiet = false } = {}) {
    if (!id) { runBox.replaceChildren(); return; }
    const [{ runs, total_cost: totalCost, cloud }, log] = await Promise.all([
      client.call('pipeline.runs', {}), client.call('pipeline.log', { id }).catch(() => null)]);
    const record = runs.find((r) => r.id === id);
    if (!record) {
      if (quiet) { runBox.replaceChildren(); return; }
      runBox.replaceChildren(el('p', { class: 'error', role: 'alert', text: `There is no pipeline run ${id} in this workspace.` }));
      return;
    }
    const view = runView(record, { cloud, totalCost, logText: log?.text });
    runBox.replaceChildren(view.element);
    if (replay) {
      replaying = view.replay();
      await replaying;
      replaying = null;
    }
  }

  async function refresh() {
    try {
      await variables.refresh();
      const [{ runs, clock: now }, { pipelines }] = await Promise.all([client.call('pipeline.runs', { logs: false }), client.call('pipeline.saved', {})]);
      historyBox.replaceChildren(runsTable(runs, openId));
      clock.draw({ clock: now, saved: pipelines });
    } catch (err) {
      historyBox.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  }

  checkButton.addEventListener('click', () => check());
  app.workspace.onChange(() => refresh(), root);
  container.replaceChildren(root);
  await Promise.all([refresh(), check(), showRun(openId, { quiet: openId !== routeId })]);
}
