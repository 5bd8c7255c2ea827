// Issue 8: the iris-sudden-shift scenario with the same seed plays the same windows in the page's
// core (wasm: iris loaded as the worker loads it, simulation.start then simulation.step window by
// window, as the Monitoring view does) and in `mlplay simulate --mode cicd --json` (native). Both
// produce, per window, window_json (index, day, end_day, opened, closed, requests, errors, version,
// model, reference, columns with scores and sentences, drifted, dataset drift, prediction drift,
// missing, quality, labelled_at, alerts, actions), the outcome and the setup; all three must be
// equal. The per-window series of simulation.state are checked against those windows too.
// MLPLAY_WEB_ROOT picks another built page than build/wasm/web; MLPLAY_CLI another mlplay.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { MLPLAY_CLI, WEB, loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const MLPLAY = MLPLAY_CLI;
const TMP = `${ROOT}build/tmp-wasm-tests/simulation`;
const SCENARIO_FILE = `${ROOT}scenarios/iris-sudden-shift.json`;

function ok(reply) {
  if (reply.error) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

async function pageCore() {
  const core = await loadCore();
  return { raw: core.raw, call: (command, args = {}) => ok(core.call(command, args)) };
}

// The view's way: the scenario file as fetched, iris streamed in as the worker's data.load_builtin does.
async function playInPage(seed) {
  const core = await pageCore();
  core.call('workspace.actor', { actor: 'ML Engineer' }); // mlplay's default role
  const { upload } = core.call('data.csv.begin', { options: { source: 'iris.csv' } });
  ok(JSON.parse(core.raw.feedCsv(upload, readFileSync(new URL('datasets/iris.csv', WEB)))));
  const table = core.call('data.csv.finish', { upload, source: 'iris.csv' }).table;
  const scenario = JSON.parse(readFileSync(new URL('scenarios/iris-sudden-shift.json', WEB), 'utf8'));
  const started = core.call('simulation.start', { scenario, mode: 'cicd', table, ...(seed === undefined ? {} : { seed }) });
  let steps = 0;
  for (;;) {
    const out = core.call('simulation.step', { windows: 1 });
    assert.equal(out.windows.length, 1);
    steps += 1;
    if (out.done) break;
  }
  // A window as step returned it lacks the labels that arrive later: compare the windows as the
  // finished simulation holds them (simulation.state), which is what mlplay prints at the end.
  const state = core.call('simulation.state', {});
  core.call('simulation.stop', {});
  return { setup: started.setup, steps, windows: state.windows, state, outcome: state.outcome, log: core.call('workspace.state', {}).workspace.log };
}

function playNatively(seed) {
  mkdirSync(TMP, { recursive: true });
  const ws = `${TMP}/sim-${seed ?? 'default'}.mlplay.json`;
  rmSync(ws, { force: true });
  const args = ['simulate', SCENARIO_FILE, '--workspace', ws, '--mode', 'cicd', '--json', ...(seed === undefined ? [] : ['--seed', String(seed)])];
  const r = spawnSync(MLPLAY, args, { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `mlplay simulate failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('the page ships the same scenario file as scenarios/', () => {
  assert.deepEqual(JSON.parse(readFileSync(new URL('scenarios/iris-sudden-shift.json', WEB), 'utf8')),
    JSON.parse(readFileSync(SCENARIO_FILE, 'utf8')));
});

for (const seed of [undefined, 11]) {
  test(`iris-sudden-shift in CI/CD mode, seed ${seed ?? 'of the scenario (7)'}: the same windows in wasm and natively`, async () => {
    const page = await playInPage(seed);
    const native = playNatively(seed);
    assert.equal(page.steps, 20);
    assert.equal(page.windows.length, 20);
    assert.equal(native.windows.length, 20);
    // Field by field first, for a readable failure; then the whole window.
    for (const [i, w] of page.windows.entries()) {
      const n = native.windows[i];
      for (const key of ['index', 'day', 'requests', 'errors', 'version', 'model', 'dataset', 'quality', 'alerts', 'drifted']) {
        assert.deepEqual(w[key], n[key], `window ${i}, ${key}`);
      }
      assert.deepEqual(w, n, `window ${i}`);
    }
    assert.deepEqual(page.outcome, native.outcome);
    assert.deepEqual(page.setup, native.setup);

    // The series the Monitoring view charts are the windows' values.
    const s = page.state.series;
    assert.deepEqual(s.quality, native.windows.map((w) => w.quality?.value ?? null));
    assert.deepEqual(s.dataset_drift_share, native.windows.map((w) => w.dataset.share));
    assert.deepEqual(s.version, native.windows.map((w) => w.version));
    assert.deepEqual(s.drift.PetalLengthCm, native.windows.map((w) => w.columns.find((c) => c.column === 'PetalLengthCm').score));
    assert.equal(page.log.at(-1).command.type, 'simulation.record');

    if (seed === undefined) { // what the scenario's README promises for its own seed
      assert.ok(page.windows[5].alerts.some((a) => a.monitor === 'data_drift'), 'data_drift raised in the window of the shift');
      const retrain = page.windows.flatMap((w) => w.actions).find((a) => a.kind === 'retraining' && a.promoted);
      assert.equal(retrain.model, 'IRIS:2');
      assert.equal(retrain.release.status, 'succeeded');
      assert.equal(page.windows.at(-1).model, 'IRIS:2');
    }
  });
}
