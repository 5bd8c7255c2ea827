// CSV through the wasm boundary: bytes in as typed arrays, chunked anywhere; the same table (same
// content hash) as the native mlplay; bad input as an error value with its line.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadCore } from './load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const core = await loadCore();

function parse(bytes, chunk = 4 << 20, options = {}) {
  const { upload } = core.call('data.csv.begin', { options }).result;
  for (let off = 0; off < bytes.length; off += chunk) {
    const r = JSON.parse(core.raw.feedCsv(upload, bytes.subarray(off, off + chunk)));
    if (r.error) return r;
  }
  return core.call('data.csv.finish', { upload, source: 'test.csv' });
}

for (const name of ['iris', 'penguins', 'seattle_weather']) {
  test(`${name}: the wasm core's dataset version hash equals the native CLI's`, () => {
    const bytes = readFileSync(`${ROOT}datasets/${name}.csv`);
    const { table } = parse(bytes, 1000).result;
    const wasmHash = core.call('data.dataset.register', { table, name: name.toUpperCase() }).result.hash;
    const native = JSON.parse(execFileSync(`${ROOT}build/native/mlplay`, ['profile', name, '--json']).toString());
    assert.match(wasmHash, /^[0-9a-f]{32}$/);
    assert.equal(wasmHash, native.hash);
  });
}

test('Iris through wasm: 150 rows, 5 columns, the smoke-test row parsed as numbers', () => {
  const { table, summary } = parse(readFileSync(`${ROOT}datasets/iris.csv`), 333).result;
  assert.equal(summary.rows, 150);
  assert.deepEqual(summary.columns.map((c) => c.name), ['SepalLengthCm', 'SepalWidthCm', 'PetalLengthCm', 'PetalWidthCm', 'Species']);
  const rows = core.call('data.table.rows', { table, offset: 0, limit: 150 }).result.rows;
  assert.ok(rows.some((r) => r[0] === 6.6 && r[1] === 3 && r[2] === 4.4 && r[3] === 1.4 && r[4] === 1));
});

test('a ragged row fed through the typed-array entry point is an error naming line 7; the module keeps working', () => {
  const text = 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n16,17\n19,20,21\n';
  const r = parse(Buffer.from(text), 4);
  assert.equal(r.error.code, 'csv.ragged_row');
  assert.equal(r.error.line, 7);
  assert.equal(parse(Buffer.from('x,y\n1,2\n')).result.summary.rows, 1);
});
