// Drift through the wasm core equals the native CLI: drift.report on tables loaded in a wasm
// session gives the same JSON, every statistic, p-value and histogram to the last bit, as
// `mlplay drift --json` on the same files (both print shortest round-trip doubles, so equal
// parsed numbers are equal bits). Iris against itself and against a copy with PetalLengthCm
// shifted by one standard deviation, and Seattle weather's two halves (exact K-S on unequal
// sizes, chi-square through the incomplete gamma function) and whole-against-half (normed
// Wasserstein, Jensen-Shannon).
// MLPLAY_WASM_WEB and MLPLAY_CLI point the test at other builds than build/wasm and build/native.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = process.env.MLPLAY_CLI ?? `${ROOT}build/native/mlplay`;

async function core() {
  if (!process.env.MLPLAY_WASM_WEB) return loadCore();
  const web = process.env.MLPLAY_WASM_WEB.replace(/\/?$/, '/');
  const { default: createMlplay } = await import(`${web}mlplay.mjs`);
  const module = await createMlplay({ wasmBinary: readFileSync(`${web}mlplay.wasm`) });
  const raw = new module.Core();
  return { module, raw, call: (command, args = {}) => JSON.parse(raw.call(command, JSON.stringify(args))) };
}

const wasm = await core();
const dir = mkdtempSync(join(tmpdir(), 'mlplay-drift-'));

function load(path) {
  const bytes = readFileSync(path);
  const { upload } = wasm.call('data.csv.begin', {}).result;
  const fed = JSON.parse(wasm.raw.feedCsv(upload, bytes));
  assert.equal(fed.error, undefined);
  return wasm.call('data.csv.finish', { upload, source: path }).result.table;
}

function wasmReport(refPath, curPath, options = {}) {
  const r = wasm.call('drift.report', { reference: load(refPath), current: load(curPath), options });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  return r.result;
}

function nativeReport(refPath, curPath, args = []) {
  return JSON.parse(execFileSync(CLI, ['drift', '--reference', refPath, '--current', curPath, '--json', ...args]).toString());
}

// The CLI words who asked for a test differently from the session's default; everything else,
// numbers included, must be identical.
const CLI_SOURCES = {
  per_column_source: 'it was asked for this column (--test COL=NAME)',
  method_source: 'it was asked for every column (--test NAME)',
};

function lines(path) {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}

// Iris with PetalLengthCm (column 2) shifted by its sample standard deviation.
function shiftedIris() {
  const [header, ...rows] = lines(`${ROOT}datasets/iris.csv`);
  const petal = rows.map((r) => Number(r.split(',')[2]));
  const mean = petal.reduce((a, b) => a + b, 0) / petal.length;
  const sd = Math.sqrt(petal.reduce((a, b) => a + (b - mean) ** 2, 0) / (petal.length - 1));
  const out = rows.map((r) => {
    const f = r.split(',');
    f[2] = String(Number(f[2]) + sd);
    return f.join(',');
  });
  const path = join(dir, 'iris_shifted.csv');
  writeFileSync(path, [header, ...out].join('\n') + '\n');
  return path;
}

function seattleParts() {
  const [header, ...rows] = lines(`${ROOT}datasets/seattle_weather.csv`);
  const half = Math.floor(rows.length / 2);
  const first = join(dir, 'seattle_first.csv');
  const second = join(dir, 'seattle_second.csv');
  writeFileSync(first, [header, ...rows.slice(0, half)].join('\n') + '\n');
  writeFileSync(second, [header, ...rows.slice(half)].join('\n') + '\n');
  return { whole: `${ROOT}datasets/seattle_weather.csv`, first, second };
}

const iris = `${ROOT}datasets/iris.csv`;

test('Iris against itself: the wasm drift.report equals mlplay drift --json to the last bit, no drift', () => {
  const w = wasmReport(iris, iris);
  assert.deepStrictEqual(w, nativeReport(iris, iris));
  assert.equal(w.dataset.drifted, 0);
});

test('Iris with PetalLengthCm shifted by one sd: wasm equals native to the last bit, drift on that column only', () => {
  const shifted = shiftedIris();
  const w = wasmReport(iris, shifted);
  assert.deepStrictEqual(w, nativeReport(iris, shifted));
  assert.deepEqual(w.columns.filter((c) => c.drift).map((c) => c.column), ['PetalLengthCm']);
});

test('every test on shifted Iris (asked per column): wasm equals native to the last bit', () => {
  const shifted = shiftedIris();
  const per = { SepalLengthCm: 'psi', SepalWidthCm: 'kl_div', PetalLengthCm: 'jensenshannon', PetalWidthCm: 'hellinger', Species: 'TVD' };
  const w = wasmReport(iris, shifted, { per_column_method: per, ...CLI_SOURCES });
  const n = nativeReport(iris, shifted, Object.entries(per).flatMap(([c, t]) => ['--test', `${c}=${t}`]));
  assert.deepStrictEqual(w, n);
  assert.deepEqual(w.columns.map((c) => c.test), Object.values(per));
});

test('Seattle weather halves (K-S on 730 vs 731 rows, chi-square) and whole against half: wasm equals native to the last bit', () => {
  const { whole, first, second } = seattleParts();
  const halves = wasmReport(first, second);
  assert.deepStrictEqual(halves, nativeReport(first, second));
  const tests = Object.fromEntries(halves.columns.map((c) => [c.column, c.test]));
  assert.equal(tests.temp_max, 'ks');
  assert.equal(tests.weather, 'chisquare');
  assert.ok(halves.columns.find((c) => c.column === 'weather').score < 1);
  const big = wasmReport(whole, second);
  assert.deepStrictEqual(big, nativeReport(whole, second));
  assert.equal(big.columns.find((c) => c.column === 'temp_max').test, 'wasserstein');
  assert.equal(big.columns.find((c) => c.column === 'weather').test, 'jensenshannon');
});

test('drift.tests lists the nine registered tests', () => {
  const { tests } = wasm.call('drift.tests').result;
  assert.deepEqual(tests.map((t) => t.name), ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi', 'kl_div', 'hellinger', 'TVD']);
});
