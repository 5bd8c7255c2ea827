// The Monitoring view (#/monitoring): a drift scenario (scenarios/index.json) played as a stream
// of requests to the PROD endpoint in the core (simulation.start / step / state / act / stop):
// model quality with retraining and release markers, dataset and per-column drift, alerts, a
// reference-against-current distribution of any column and window, the operator's "retrain now"
// in manual mode and the three setups compared (simulation.compare). The core decides; this view
// asks and shows.
import { el } from './dom.mjs';
import { alertsTable, distributionOverlay, driftCharts, markerList, qualityChart } from './monitoring_parts.mjs';
import { compareResult } from './monitoring_compare.mjs';
import { errorText } from './runs_format.mjs';

const SCENARIOS = new URL('../scenarios/', import.meta.url);
const SPEEDS = [['Slow (1 window / 1.5 s)', 1500], ['Normal (1 window / 0.6 s)', 600], ['Fast (1 window / 0.15 s)', 150]];

async function fetchJson(file) {
  const res = await fetch(new URL(file, SCENARIOS));
  if (!res.ok) throw new Error(`Could not read scenarios/${file}: HTTP ${res.status}.`);
  return res.json();
}

let ids = 0;
// A control with its own <label for> (so its name is the label alone) and an optional help line.
function field(label, control, help) {
  control.id ||= `mon-ctl-${++ids}`;
  return el('div', { class: 'mon-field' }, el('label', { for: control.id, text: label }), control, help ? el('small', { text: help }) : null);
}

export async function render(container, app) {
  await app.workspaceReady;
  const { client } = app;
  const st = (app.monitoringView ??= { files: {}, tables: {}, state: null, playing: false, speed: 600, compare: null });
  let index;
  let schema;
  try {
    index = await fetchJson('index.json');
    schema = await client.call('simulation.scenarios', {});
  } catch (err) {
    container.replaceChildren(el('h2', { text: 'Monitoring' }), el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    return;
  }
  st.file ??= (index.scenarios.find((s) => s.default) ?? index.scenarios[0]).file;

  const status = el('p', { class: 'mon-status', role: 'status', 'aria-live': 'polite' });
  const problem = el('p', { class: 'error', role: 'alert', hidden: true });
  const report = (text) => { status.textContent = text; };
  const fail = (err) => { problem.hidden = false; problem.textContent = errorText(err); };

  const scenarioSel = el('select', { id: 'mon-scenario' }, index.scenarios.map((s) => el('option', { value: s.file, text: s.name, selected: s.file === st.file })));
  const description = el('p', { class: 'help' });
  const intensities = el('div', { class: 'mon-intensities' });
  const modeSel = el('select', { id: 'mon-mode' }, schema.modes.map((m) => el('option', { value: m.name, text: `${m.title} (${m.name})`, selected: m.name === (st.mode ?? 'cicd') })));
  const modeHelp = el('small');
  const seedInput = el('input', { type: 'number', min: '0', step: '1', id: 'mon-seed' });
  const startBtn = el('button', { type: 'button', text: 'Start' });
  const compareBtn = el('button', { type: 'button', text: 'Compare the three setups' });
  const playBtn = el('button', { type: 'button', text: 'Play' });
  const pauseBtn = el('button', { type: 'button', text: 'Pause' });
  const stepBtn = el('button', { type: 'button', text: 'Step' });
  const stopBtn = el('button', { type: 'button', text: 'Stop' });
  const speedSel = el('select', { id: 'mon-speed' }, SPEEDS.map(([t, ms]) => el('option', { value: String(ms), text: t, selected: ms === st.speed })));
  const retrainBtn = el('button', { type: 'button', text: 'Operator: retrain now' });
  const progress = el('p', { class: 'mon-progress' });
  const serving = el('p', { class: 'mon-serving' });
  const charts = el('div');
  const markers = el('div');
  const alerts = el('div', { class: 'table-scroll' });
  const colSel = el('select', { id: 'mon-column' });
  const winSel = el('select', { id: 'mon-window' });
  const histBox = el('div');
  const compareBox = el('div');
  const kindOf = (name) => schema.drift_kinds.find((k) => k.name === name);

  async function scenarioOf(file) {
    st.files[file] ??= await fetchJson(file);
    return st.files[file];
  }

  async function showScenario() {
    const sc = await scenarioOf(st.file);
    const entry = index.scenarios.find((s) => s.file === st.file);
    description.textContent = `${entry?.description ?? ''} Dataset ${sc.dataset}, ${sc.days} days, seed ${sc.seed ?? 0} by default.`;
    seedInput.value = String(sc.seed ?? 0);
    intensities.replaceChildren(...(sc.drifts ?? []).map((d, i) => {
      const k = kindOf(d.kind);
      const input = el('input', { type: 'number', step: 'any', value: String(d.intensity ?? 1), 'data-drift': String(i),
        min: k?.min_intensity ?? null, max: k?.max_intensity ?? null });
      return field(`Intensity of drift ${i + 1} (${k?.display_name ?? d.kind}, day ${d.start_day ?? 0})`, input, k?.intensity);
    }));
  }

  // The scenario as edited here: the file with each drift's intensity overridden.
  async function editedScenario() {
    const sc = structuredClone(await scenarioOf(st.file));
    for (const input of intensities.querySelectorAll('input[data-drift]')) sc.drifts[Number(input.dataset.drift)].intensity = Number(input.value);
    return sc;
  }

  // The scenario's built-in dataset, loaded once in the worker; the core samples the stream from it.
  async function tableFor(sc) {
    st.tables[sc.dataset] ??= (await client.call('data.load_builtin', { name: sc.dataset })).table;
    return st.tables[sc.dataset];
  }

  function seedArg() {
    const v = seedInput.value.trim();
    return v === '' ? undefined : Number(v);
  }

  let busy = false;
  function setButtons() {
    const s = st.state;
    const live = Boolean(s) && !s.done;
    for (const b of [startBtn, compareBtn]) b.disabled = busy || st.playing;
    playBtn.disabled = !live || st.playing;
    pauseBtn.disabled = !st.playing;
    stepBtn.disabled = !live || st.playing || busy;
    stopBtn.disabled = !s || busy;
    retrainBtn.hidden = s?.mode !== 'manual';
    retrainBtn.disabled = !s || busy || st.playing;
  }

  function draw() {
    const s = st.state;
    setButtons();
    modeHelp.textContent = schema.modes.find((m) => m.name === modeSel.value)?.help ?? '';
    if (!s) {
      progress.textContent = 'No simulation running: pick a scenario and press Start.';
      for (const box of [serving, charts, markers, alerts, histBox]) box.replaceChildren();
      return;
    }
    const last = s.windows.at(-1);
    const o = s.outcome;
    progress.textContent = `${s.scenario.name} in ${s.mode_title} mode, seed ${s.seed}: ${s.next_window} of ${s.windows_total} windows played${s.done ? ' (done)' : ''}. ` +
      `Retrainings ${o.retrainings}, promotions ${o.promotions}, alerts ${o.alerts}, cost $${o.cost.toFixed(4)}.`;
    serving.replaceChildren('Serving at ', el('code', { text: s.endpoint }), ': ', el('strong', { class: 'mon-model', text: last ? last.model : `${s.model}:${s.setup?.version ?? '?'}` }),
      last ? ` (window ${last.index}, day ${last.day}; ${last.requests} requests, ${last.errors} errors)` : ' (no window played yet)');
    if (!s.windows.length) { charts.replaceChildren(); markers.replaceChildren(); alerts.replaceChildren(); return; }
    charts.replaceChildren(qualityChart(s), driftCharts(s));
    markers.replaceChildren(markerList(s));
    alerts.replaceChildren(alertsTable(s));
    const cols = [...s.columns, 'prediction'];
    const keepCol = colSel.value || cols[0];
    colSel.replaceChildren(...cols.map((c) => el('option', { value: c, text: c, selected: c === keepCol })));
    const keepWin = winSel.value;
    winSel.replaceChildren(...s.windows.map((w) => el('option', { value: String(w.index), text: `window ${w.index} (day ${w.day})`, selected: String(w.index) === keepWin })));
    if (!keepWin) winSel.value = String(last.index);
  }

  async function refresh() {
    st.state = await client.call('simulation.state', {});
    draw();
  }

  async function guarded(label, fn) {
    busy = true; setButtons(); problem.hidden = true;
    if (label) report(label);
    try { await fn(); } catch (err) { fail(err); st.playing = false; } finally { busy = false; if (root.isConnected) draw(); }
  }

  async function stepOnce() {
    const out = await client.call('simulation.step', { windows: 1 });
    await refresh();
    const acted = out.windows.some((w) => w.actions?.length);
    if (acted || out.done) await app.workspace.changed();
    const w = out.windows.at(-1);
    report(out.done ? 'The simulation is done and recorded in the workspace log.' : `Played window ${w.index} (day ${w.day}): ${w.alerts.length} alert(s).`);
    if (out.done) st.playing = false;
  }

  function loop() {
    if (!st.playing || !root.isConnected) { st.playing = false; return; }
    guarded(null, stepOnce).then(() => {
      if (st.playing && root.isConnected) st.timer = setTimeout(loop, st.speed);
      else st.playing = false;
      if (root.isConnected) draw();
    });
  }

  scenarioSel.addEventListener('change', () => guarded(null, async () => { st.file = scenarioSel.value; await showScenario(); }));
  modeSel.addEventListener('change', () => { st.mode = modeSel.value; draw(); });
  speedSel.addEventListener('change', () => { st.speed = Number(speedSel.value); });
  startBtn.addEventListener('click', () => guarded('Starting: the first model is built and released to PROD if the workspace has none…', async () => {
    clearTimeout(st.timer); st.playing = false;
    const scenario = await editedScenario();
    const table = await tableFor(scenario);
    const seed = seedArg();
    st.state = await client.call('simulation.start', { scenario, mode: modeSel.value, table, ...(seed === undefined ? {} : { seed }) });
    winSel.value = '';
    await app.workspace.changed();
    report(`Started ${scenario.name} in ${st.state.mode_title} mode. ${st.state.setup?.message ?? ''}`);
  }));
  playBtn.addEventListener('click', () => { st.playing = true; setButtons(); loop(); });
  pauseBtn.addEventListener('click', () => { st.playing = false; clearTimeout(st.timer); report('Paused.'); setButtons(); });
  stepBtn.addEventListener('click', () => guarded(null, stepOnce));
  stopBtn.addEventListener('click', () => guarded('Stopping…', async () => {
    st.playing = false; clearTimeout(st.timer);
    const out = await client.call('simulation.stop', {});
    st.state = null;
    await app.workspace.changed();
    report(out.stopped ? `Stopped after ${out.windows} window(s); the simulation is recorded in the workspace log.` : 'No simulation was running.');
  }));
  retrainBtn.addEventListener('click', () => guarded('The operator retrains…', async () => {
    const out = await client.call('simulation.act', { retrain: true });
    await refresh();
    await app.workspace.changed();
    report(`Operator retraining: ${out.status ?? ''}${out.model ? ` ${out.model}` : ''}${out.promoted ? ', promoted' : out.status === 'succeeded' ? ', not promoted' : ''}. ${out.evaluation?.message ?? out.reason ?? ''}`);
  }));
  compareBtn.addEventListener('click', () => guarded('Playing the three setups on copies of the workspace…', async () => {
    const scenario = await editedScenario();
    const table = await tableFor(scenario);
    const seed = seedArg();
    st.compare = await client.call('simulation.compare', { scenario, table, ...(seed === undefined ? {} : { seed }) });
    compareBox.replaceChildren(compareResult(st.compare));
    report('Compared the three setups (this workspace was not changed).');
  }));
  const showHistogram = () => guarded(null, async () => {
    if (!st.state?.windows.length) return;
    const h = (await client.call('simulation.state', { window: Number(winSel.value), column: colSel.value })).histogram;
    histBox.replaceChildren(distributionOverlay(h));
  });
  const showBtn = el('button', { type: 'button', text: 'Show distributions' });
  showBtn.addEventListener('click', showHistogram);
  colSel.addEventListener('change', showHistogram);
  winSel.addEventListener('change', showHistogram);

  const root = el('div', { class: 'monitoring-view' },
    el('h2', { text: 'Monitoring' }),
    el('p', { class: 'help', text: 'A drift scenario streams scoring requests to the PROD endpoint on the simulated clock; labels arrive late. Each window the monitors compare the requests with the serving version\'s training data, raise alerts, and the mode\'s policy decides whether to retrain.' }),
    el('form', { class: 'mon-setup', 'aria-label': 'Simulation setup', onsubmit: (e) => e.preventDefault() },
      field('Scenario', scenarioSel), description, intensities,
      field('Mode', modeSel, null), modeHelp, field('Seed', seedInput, 'The stream\'s seed: the same seed plays the same requests.'),
      el('div', { class: 'row' }, startBtn, compareBtn)),
    el('div', { class: 'mon-player', role: 'group', 'aria-label': 'Playback' }, playBtn, pauseBtn, stepBtn, stopBtn, field('Speed', speedSel), retrainBtn),
    status, problem, progress, serving, charts, markers,
    el('section', { 'aria-labelledby': 'mon-alerts-h' }, el('h3', { id: 'mon-alerts-h', text: 'Alerts' }), alerts),
    el('section', { 'aria-labelledby': 'mon-dist-h' }, el('h3', { id: 'mon-dist-h', text: 'Reference against current' }),
      el('div', { class: 'row' }, field('Column', colSel), field('Window', winSel), showBtn), histBox),
    el('section', { 'aria-labelledby': 'mon-cmp-h' }, el('h3', { id: 'mon-cmp-h', text: 'The three setups' }), compareBox));
  container.replaceChildren(root);
  await showScenario();
  if (st.compare) compareBox.replaceChildren(compareResult(st.compare));
  if (st.state) await refresh().catch(() => { st.state = null; });
  draw();
  if (st.playing) loop();
}
