// Issue 7, must-show 1: the IRIS build pipeline runs in the page's core and natively with the same
// step results. The wasm core gets the spec as the page sends it (web/pipeline_yaml.mjs: npm yaml
// -> JSON plus a pointer -> {line, column} map; the variable group from its file; iris read as the
// page's worker reads it), the native `mlplay pipeline run` reads the same YAML with yaml-cpp;
// names, kinds, statuses, times, logs, outputs, the registered run's metrics and the cost must be
// equal. The line maps must place every problem on the same line and column too.
// MLPLAY_WEB_ROOT picks another built page than build/wasm/web; MLPLAY_CLI another mlplay.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { MLPLAY_CLI, WEB, loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const MLPLAY = MLPLAY_CLI;
const TMP = `${ROOT}build/tmp-wasm-tests/pipeline`;
const GROUP = JSON.parse(readFileSync(`${ROOT}pipelines/variables/IRISBuildVG.json`, 'utf8'));

const { parseSpecText } = await import(new URL('pipeline_yaml.mjs', WEB));

function ok(reply) {
  if (reply.error) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

async function pageCore() {
  const core = await loadCore();
  return { raw: core.raw, call: (command, args = {}) => ok(core.call(command, args)) };
}

// What the Pipelines view does: the group file into the library, the spec checked, the built-in
// iris loaded (the worker streams datasets/iris.csv as "iris.csv"), then pipeline.run.
async function runInPage(specText, failures) {
  const core = await pageCore();
  core.call('workspace.actor', { actor: 'ML Engineer' });  // mlplay's default role
  core.call('variables.set_group', { name: GROUP.name, variables: GROUP.variables, description: GROUP.description });
  const { spec, lines, errors } = parseSpecText(specText);
  assert.deepEqual(errors, []);
  const groups = { [GROUP.name]: GROUP };
  const check = core.call('pipeline.validate', { spec, lines, groups });
  assert.equal(check.ok, true, JSON.stringify(check.errors));
  const data = {};
  for (const source of check.sources) {
    const { upload } = core.call('data.csv.begin', { options: { source: `${source}.csv` } });
    ok(JSON.parse(core.raw.feedCsv(upload, readFileSync(new URL(`datasets/${source}.csv`, WEB)))));
    data[source] = core.call('data.csv.finish', { upload, source: `${source}.csv` }).table;
  }
  const out = core.call('pipeline.run', { spec, lines, groups, failures, trigger: 'manual', data });
  return { run: out.run, workspace: core.call('workspace.state', {}).workspace };
}

function runNatively(specFile, failures) {
  mkdirSync(TMP, { recursive: true });
  const ws = `${TMP}/${failures.join('-') || 'ok'}.mlplay.json`;
  rmSync(ws, { force: true });
  const args = ['pipeline', 'run', `${ROOT}pipelines/${specFile}`, '--workspace', ws, '--json', ...failures.flatMap((f) => ['--fail', f])];
  const r = spawnSync(MLPLAY, args, { maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `mlplay failed: ${r.stderr}`);
  return { run: JSON.parse(r.stdout).run, workspace: JSON.parse(readFileSync(ws, 'utf8')) };
}

// The training run a pipeline run logged, as the workspace keeps it.
function trainedRun(result) {
  const id = result.run.steps.find((s) => s.kind === 'train')?.outputs?.run;
  const run = result.workspace.tracking.runs.find((r) => r.id === id);
  return run && { id: run.id, params: run.params, metrics: run.metrics, dataset: run.dataset, tags: run.tags };
}

const CASES = [
  { file: 'iris-build.yml', failures: [], status: 'succeeded' },
  { file: 'iris-build.yml', failures: ['compute_quota'], status: 'failed' },
  { file: 'iris-build-gated.yml', failures: ['quality_gate_miss'], status: 'failed' },
];

for (const { file, failures, status } of CASES) {
  test(`${file}${failures.length ? ` with ${failures}` : ''} runs in the page and natively with the same step results`, async () => {
    const text = readFileSync(`${ROOT}pipelines/${file}`, 'utf8');
    const page = await runInPage(text, failures);
    const native = runNatively(file, failures);
    assert.equal(page.run.status, status);
    const steps = (r) => r.run.steps.map((s) => ({ ...s }));
    assert.deepEqual(steps(page).map((s) => [s.name, s.kind, s.status]), steps(native).map((s) => [s.name, s.kind, s.status]));
    assert.deepEqual(steps(page), steps(native));  // times, logs, outputs and errors as well
    assert.deepEqual(page.run.stages, native.run.stages);
    assert.deepEqual(page.run.cost, native.run.cost);
    assert.deepEqual(trainedRun(page), trainedRun(native));
    assert.deepEqual(page.run, native.run);  // the whole record: id, trigger, who asked, clock
    if (status === 'succeeded') {
      assert.deepEqual(page.run.steps.map((s) => s.name), ['Install dependencies', 'Create/use workspace', 'Create/use compute',
        'Upload data', 'Create metadata folder', 'Train', 'Register model', 'Publish pipeline artifact']);
      assert.equal(page.run.steps.find((s) => s.kind === 'register_model').outputs.model.reference, 'IRIS:1');
      assert.ok(page.run.cost.total > 0);
      assert.equal(page.workspace.models.models[0].versions[0].run_id, trainedRun(page).id);
    }
  });
}

// Problems in specs, each placed by the line map: the page's (npm yaml) and mlplay's (yaml-cpp)
// must name the same line and column.
const BROKEN = {
  'undefined-variable': (t) => t.replace('name: $(ml.computeName)', 'name: $(ml.nope)'),
  'unknown-kind': (t) => t.replace('kind: create_folder', 'kind: make_folder'),
  'bad-input': (t) => t.replace('test_size: 0.2', 'test_size: "a fifth"').replace('seed: 1984', 'seed: [1984]'),
  'unknown-field': (t) => t.replace('    jobs:\n', '    jobz: 1\n    jobs:\n'),
  'flow-and-quotes': (t) => t.replace('inputs:\n              name: iris_model\n              paths: [metadata, models]',
    'inputs: {name: \'iris_model\', paths: "metadata", \'zip\': true}'),
};

test('a broken spec gets the same problems at the same lines and columns in the page and natively', async () => {
  mkdirSync(`${TMP}/variables`, { recursive: true });
  copyFileSync(`${ROOT}pipelines/variables/IRISBuildVG.json`, `${TMP}/variables/IRISBuildVG.json`);
  const original = readFileSync(`${ROOT}pipelines/iris-build.yml`, 'utf8');
  const core = await pageCore();
  for (const [name, edit] of Object.entries(BROKEN)) {
    const text = edit(original);
    assert.notEqual(text, original, name);
    writeFileSync(`${TMP}/${name}.yml`, text);
    const r = spawnSync(MLPLAY, ['pipeline', 'validate', `${TMP}/${name}.yml`, '--json'], { maxBuffer: 16 << 20 });
    assert.equal(r.status, 1, `${name}: ${r.stderr}`);
    const native = JSON.parse(r.stdout);
    const { spec, lines } = parseSpecText(text);
    const page = core.call('pipeline.validate', { spec, lines, groups: { [GROUP.name]: GROUP } });
    assert.equal(page.ok, false, name);
    assert.ok(page.errors.every((e) => e.line > 0), `${name}: every problem has a line`);
    assert.deepEqual(page.errors, native.errors, name);
  }
});
