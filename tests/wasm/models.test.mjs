// Models across the boundary: a model file saved by the native mlplay loads in the wasm core and
// predicts identically on 1,250 rows, and the same data, parameters and seed train the same
// model in wasm as natively.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const TMP = `${ROOT}build/tmp-wasm-tests`;
const mlplay = (...args) => execFileSync(`${ROOT}build/native/mlplay`, args, { maxBuffer: 64 << 20 }).toString();
mkdirSync(TMP, { recursive: true });
const core = await loadCore();

function ok(reply) {
  if (reply.error) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

function loadTable(path) {
  const { upload } = ok(core.call('data.csv.begin'));
  ok(JSON.parse(core.raw.feedCsv(upload, readFileSync(path))));
  return ok(core.call('data.csv.finish', { upload })).table;
}

const datasets = {
  classification: `${TMP}/classes.csv`,
  regression: `${TMP}/values.csv`,
};
writeFileSync(datasets.classification, mlplay('generate', 'classification', '--rows', '1250', '--features', '8', '--classes', '3', '--seed', '7'));
writeFileSync(datasets.regression, mlplay('generate', 'regression', '--rows', '1250', '--features', '8', '--noise', '5', '--seed', '7'));
const tables = { classification: loadTable(datasets.classification), regression: loadTable(datasets.regression) };

const cases = [
  ['decision_tree', 'classification', ['--param', 'max_depth=8']],
  ['random_forest', 'classification', ['--param', 'n_estimators=30']],
  ['gradient_boosting', 'classification', ['--param', 'max_iter=30']],
  ['logistic_regression', 'classification', []],
  ['knn', 'classification', []],
  ['naive_bayes', 'classification', []],
  ['linear_regression', 'regression', []],
  ['gradient_boosting', 'regression', ['--param', 'max_iter=30']],
];

for (const [family, task, params] of cases) {
  const file = `${TMP}/${family}-${task}.json`;
  mlplay('train', '--data', datasets[task], '--target', 'target', '--model', family, ...params,
    '--test-size', '0.2', '--seed', '3', '--out', file);
  const native = JSON.parse(mlplay('predict', '--model', file, '--data', datasets[task], '--json'));

  test(`${family} (${task}): a model saved natively predicts identically in wasm on 1,250 rows`, () => {
    const { model } = ok(core.call('model.load', { file: readFileSync(file, 'utf8') }));
    const wasm = ok(core.call('model.predict', { model, table: tables[task] }));
    if (task === 'classification') {
      assert.equal(wasm.predictions.length, 1250);
      assert.deepEqual(wasm.predictions, native.predictions);
      wasm.probabilities.forEach((row, r) => row.forEach((p, c) => {
        assert.ok(Math.abs(p - native.probabilities[r][c]) <= 1e-12, `row ${r} class ${c}: ${p} vs ${native.probabilities[r][c]}`);
      }));
    } else {
      assert.equal(wasm.predictions.length, 1250);
      wasm.predictions.forEach((v, r) => assert.ok(Math.abs(v - native.predictions[r]) <= 1e-9 * Math.max(1, Math.abs(v)), `row ${r}`));
    }
  });

  test(`${family} (${task}): the same data, parameters and seed train the same model in wasm as natively`, () => {
    const paramsJson = Object.fromEntries(params.filter((_, i) => i % 2 === 1).map((kv) => {
      const [k, v] = kv.split('=');
      return [k, Number(v)];
    }));
    const r = ok(core.call('train.run', { table: tables[task], target: 'target', family, params: paramsJson,
      test_size: 0.2, seed: 3, stratify: false }));
    const wasmFile = ok(core.call('model.save', { model: r.model }));
    const nativeFile = JSON.parse(readFileSync(file, 'utf8'));
    // Tree-based models use no exp or log while growing, so their files are bit-identical;
    // the others go through libm, whose last bits differ between glibc and musl.
    if (['decision_tree', 'random_forest'].includes(family)) assert.deepEqual(wasmFile.model, nativeFile.model);
    const again = ok(core.call('model.predict', { model: r.model, table: tables[task] }));
    if (task === 'classification') assert.deepEqual(again.predictions, native.predictions);
    else again.predictions.forEach((v, i) => assert.ok(Math.abs(v - native.predictions[i]) <= 1e-9 * Math.max(1, Math.abs(v))));
  });
}

test('a damaged model file is an error value and the module keeps working', () => {
  const text = readFileSync(`${TMP}/decision_tree-classification.json`, 'utf8');
  const r = core.call('model.load', { file: text.slice(0, text.length / 2) });
  assert.equal(r.error.code, 'model.corrupt');
  const newer = JSON.parse(text);
  newer.schema_version = 99;
  assert.equal(core.call('model.load', { file: newer }).error.code, 'model.schema_newer');
  assert.ok(ok(core.call('core.version')).startsWith('MLOps Playground core'));
});
