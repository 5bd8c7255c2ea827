// bench/csv: one deterministic CSV (1,000,000 rows x 10 columns: 8 floats, 1 integer, 1 category)
// parsed to typed columns by the native core, the wasm core under node and PapaParse
// (dynamicTyping, header) in the same run, and pandas.read_csv when Debian's python3-pandas is
// there. Prints MB/s and ratios, and the wasm heap after parsing against the typed columns' size.
//   node bench/csv/run.mjs [ROWS]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { loadModule } from '../../tests/wasm/load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const rows = Number(process.argv[2] ?? 1e6);
const file = `${ROOT}build/bench-csv-${rows}.csv`;
const bestOf = (n, f) => { let best = Infinity; let out; for (let i = 0; i < n; i++) { const t = performance.now(); out = f(); best = Math.min(best, (performance.now() - t) / 1000); } return { seconds: best, out }; };

// Native first: it also writes the file.
const native = JSON.parse(execFileSync(`${ROOT}build/native/bench_csv`, [file, String(rows)]).toString());
const bytes = readFileSync(file);
const MB = bytes.length / 1e6;

// wasm: a fresh module per run so the heap size after parsing is this parse's peak.
let heap = 0; let typedBytes = 0; let wasmRows = 0;
const wasmTimes = [];
for (let rep = 0; rep < 3; rep++) {
  const m = await loadModule();
  const core = new m.Core();
  const call = (c, a) => { const r = JSON.parse(core.call(c, JSON.stringify(a))); if (r.error) throw new Error(r.error.message); return r.result; };
  const t = performance.now();
  const { upload } = call('data.csv.begin', { options: { expected_bytes: bytes.length } });
  for (let off = 0; off < bytes.length; off += 4 << 20) {
    const r = JSON.parse(core.feedCsv(upload, bytes.subarray(off, off + (4 << 20))));
    if (r.error) throw new Error(r.error.message);
  }
  const { summary } = call('data.csv.finish', { upload });
  wasmTimes.push((performance.now() - t) / 1000);
  wasmRows = summary.rows;
  heap = m.HEAP8.length;
  typedBytes = summary.columns.reduce((s, c) => s + summary.rows * (c.type === 'categorical' ? 4 : 8), 0);
}
const wasm = { seconds: Math.min(...wasmTimes) };

const text = bytes.toString('utf8');
const papa = bestOf(2, () => Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true }));

let pandas = null;
const py = '/usr/bin/python3';
if (existsSync(py)) {
  try {
    const out = execFileSync(py, ['-c', `
import time, pandas
best = 1e9
for _ in range(3):
    t = time.perf_counter(); df = pandas.read_csv(${JSON.stringify(file)}); best = min(best, time.perf_counter() - t)
print(best, len(df))`], { env: { ...process.env, OMP_NUM_THREADS: '1' } }).toString().trim().split(' ');
    pandas = { seconds: Number(out[0]), rows: Number(out[1]) };
  } catch { pandas = null; }
}

const table = [
  ['native core', native.seconds, native.rows],
  ['wasm core (node)', wasm.seconds, wasmRows],
  ['PapaParse 5 (node)', papa.seconds, papa.out.data.length],
  ...(pandas ? [['pandas.read_csv (C)', pandas.seconds, pandas.rows]] : []),
];
console.log(`bench/csv: ${rows.toLocaleString('en')} rows x 10 columns, ${MB.toFixed(1)} MB, best of 3 (PapaParse best of 2)\n`);
console.log('parser               |  seconds |    MB/s | rows      | x PapaParse | x wasm');
console.log('---------------------|----------|---------|-----------|-------------|-------');
for (const [name, s, r] of table) {
  console.log(`${name.padEnd(20)} | ${s.toFixed(3).padStart(8)} | ${(MB / s).toFixed(1).padStart(7)} | ${String(r).padEnd(9)} | ${(papa.seconds / s).toFixed(1).padStart(11)} | ${(wasm.seconds / s).toFixed(2).padStart(5)}`);
}
if (!pandas) console.log('(pandas not measured: Debian\'s python3-pandas is not installed)');
console.log(`\nwasm heap after parsing: ${(heap / 1e6).toFixed(1)} MB; typed columns: ${(typedBytes / 1e6).toFixed(1)} MB; ratio ${(heap / typedBytes).toFixed(2)} (target <= 2)`);
console.log(`targets: wasm >= pandas: ${pandas ? (pandas.seconds >= wasm.seconds ? 'met' : 'missed') : 'n/a'}; native >= 2x wasm: ${wasm.seconds / native.seconds >= 2 ? 'met' : 'missed'} (${(wasm.seconds / native.seconds).toFixed(2)}x)`);
