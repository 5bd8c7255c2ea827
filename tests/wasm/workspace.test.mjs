// The workspace across the boundary: a workspace built in the wasm core (the page's core) is
// exported, its command log replayed by the native `mlplay replay` gives the same workspace, the
// native CLI reads the export, and a damaged import is an error value that changes nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const TMP = `${ROOT}build/tmp-wasm-tests`;
const MLPLAY = `${ROOT}build/native/mlplay`;
const mlplay = (...args) => execFileSync(MLPLAY, args, { maxBuffer: 64 << 20 }).toString();
mkdirSync(TMP, { recursive: true });

function ok(reply) {
  if (reply.error) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

// The IRIS tutorial's session: two runs with different depths, both registered, IRIS:2 promoted.
async function irisWorkspace() {
  const core = await loadCore();
  const { upload } = ok(core.call('data.csv.begin', { options: { source: 'iris.csv' } }));
  ok(JSON.parse(core.raw.feedCsv(upload, readFileSync(`${ROOT}datasets/iris.csv`))));
  const { table } = ok(core.call('data.csv.finish', { upload, source: 'iris.csv' }));
  ok(core.call('data.dataset.register', { table, name: 'IRIS', description: 'Fisher 1936', tags: { format: 'CSV' } }));
  const runs = [];
  for (const depth of [1, 3]) {
    const trained = ok(core.call('train.run', { table, target: 'Species', family: 'decision_tree', params: { max_depth: depth }, seed: 4, dataset_version: 'IRIS:1' }));
    runs.push(ok(core.call('train.log_run', { model: trained.model, experiment: 'IRISExperiment' })).run);
  }
  const apply = (command) => ok(core.call('workspace.apply', { command }));
  ok(core.call('workspace.actor', { actor: 'Data Scientist' }));
  for (const run of runs) apply({ type: 'model.register', name: 'IRIS', run, tags: { model: 'Decision Tree' }, description: `depth from ${run}` });
  ok(core.call('workspace.actor', { actor: 'Approver' }));
  apply({ type: 'model.transition', name: 'IRIS', version: 1, stage: 'Production', comment: 'first' });
  apply({ type: 'model.transition', name: 'IRIS', version: 2, stage: 'Production', comment: 'deeper is better', archive_existing: true });
  apply({ type: 'model.set_alias', name: 'IRIS', alias: 'champion', version: 2 });
  return { core, runs };
}

const withoutBlobs = ({ blobs, ...rest }) => rest;

test('the command log exported by the wasm core, replayed by the native mlplay, gives an equal workspace', async () => {
  const { core } = await irisWorkspace();
  const text = core.raw.exportWorkspace();
  const exported = JSON.parse(text);
  assert.equal(exported.format, 'mlplay.workspace');
  assert.equal(exported.log.length, 8);  // 1 dataset version + 2 runs + 2 registrations + 2 transitions + 1 alias
  writeFileSync(`${TMP}/iris.mlplay.json`, text);
  mlplay('export', `${TMP}/iris.mlplay.json`, '--commands', `${TMP}/iris.commands.json`);
  mlplay('replay', `${TMP}/iris.commands.json`, '--out', `${TMP}/iris.replayed.json`);
  const replayed = JSON.parse(readFileSync(`${TMP}/iris.replayed.json`, 'utf8'));
  assert.deepEqual(withoutBlobs(replayed), withoutBlobs(exported));
  // The artifacts the registries point at travel with the export.
  const v2 = exported.models.models.find((m) => m.name === 'IRIS').versions[1];
  assert.equal(exported.blobs[v2.source].kind, 'model');
  assert.equal(exported.blobs[exported.datasets.datasets[0].versions[0].hash].kind, 'dataset');
});

test('the native CLI reads the browser-side export: runs, stages, aliases and lineage', async () => {
  const { core, runs } = await irisWorkspace();
  writeFileSync(`${TMP}/iris2.mlplay.json`, core.raw.exportWorkspace());
  const list = mlplay('runs', 'list', `${TMP}/iris2.mlplay.json`);
  for (const id of runs) assert.match(list, new RegExp(`${id}\\b`));
  const models = JSON.parse(mlplay('models', 'list', `${TMP}/iris2.mlplay.json`, '--json'));
  const stages = JSON.stringify(models);
  assert.match(stages, /Archived/);
  assert.match(stages, /Production/);
  const show = mlplay('models', 'show', `${TMP}/iris2.mlplay.json`, 'IRIS@champion');
  assert.match(show, /IRIS:2/);
  assert.match(show, /Production/);
});

test('a truncated or tampered import is an error value and the wasm workspace stays as it was', async () => {
  const { core } = await irisWorkspace();
  const text = core.raw.exportWorkspace();
  const before = JSON.stringify(ok(core.call('workspace.state', {})).workspace);
  const bytes = new TextEncoder().encode(text);
  const cut = JSON.parse(core.raw.importWorkspace(bytes.subarray(0, bytes.length >> 1)));
  assert.equal(cut.error.code, 'workspace.corrupt');
  assert.match(cut.error.message, /ends early/);
  // A changed metric no longer agrees with what the log rebuilds.
  const tampered = JSON.parse(text);
  tampered.tracking.runs[0].metrics.accuracy = 1;
  const bad = JSON.parse(core.raw.importWorkspace(new TextEncoder().encode(JSON.stringify(tampered))));
  assert.equal(bad.error.code, 'workspace.corrupt');
  assert.match(bad.error.message, /tracking/);
  assert.equal(JSON.stringify(ok(core.call('workspace.state', {})).workspace), before);
  // The same file imports into a fresh core whole.
  const fresh = await loadCore();
  const counts = JSON.parse(fresh.raw.importWorkspace(bytes)).result;
  assert.deepEqual([counts.runs, counts.model_versions, counts.dataset_versions, counts.missing.length], [2, 2, 1, 0]);
  assert.equal(JSON.stringify(ok(fresh.call('workspace.state', {})).workspace), before);
});

test('the same session in two fresh wasm cores gives the same workspace; replaying a missing file exits 1', async () => {
  const a = withoutBlobs(JSON.parse((await irisWorkspace()).core.raw.exportWorkspace()));
  const b = withoutBlobs(JSON.parse((await irisWorkspace()).core.raw.exportWorkspace()));
  assert.deepEqual(a, b);
  assert.equal(spawnSync(MLPLAY, ['replay', '/nonexistent.json', '--out', `${TMP}/x.json`]).status, 1);
});
