// bench/drift: a data drift report over 20 numeric columns with 1,000,000 reference and
// 1,000,000 current rows, by the native core, the wasm core under node and SciPy (Debian's
// /usr/bin/python3) on the same data in the same run. Ten columns are shifted by 0.1 standard
// deviation (on the Wasserstein threshold), five by 0.5 and five not at all; one is rounded to
// 0.01 so it has ties. Each peer runs the same tests: normed Wasserstein (the automatic choice at
// these sizes) and K-S for every column. Prints a table of seconds and ratios, the wasm heap, how
// far the peers' numbers agree, and the targets: the wasm report at least 2x faster than SciPy
// and a wasm heap peak no larger than twice the samples (2 x 20 x 1e6 x 8 bytes = 320 MB).
// Builds its own small CMake project (bench/drift/CMakeLists.txt) natively and with emcmake.
//   node bench/drift/run.mjs [ROWS] [REPS]
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';

const ROOT = new URL('../../', import.meta.url).pathname;
const ROWS = Number(process.argv[2] ?? 1e6);
const REPS = Number(process.argv[3] ?? 2);
const COLS = 20;
const PY = '/usr/bin/python3';
const NATIVE_DIR = `${ROOT}build/bench-drift-native`;
const WASM_DIR = `${ROOT}build/bench-drift-wasm`;
const DATA = `${ROOT}build/bench-drift-${ROWS}.bin`;
const load0 = loadavg();

function build() {
  const run = (cmd, args) => {
    try {
      execFileSync(cmd, args, { stdio: 'pipe' });
    } catch (e) {
      process.stderr.write(`${e.stdout ?? ''}${e.stderr ?? ''}`);
      throw e;
    }
  };
  if (!existsSync(`${NATIVE_DIR}/CMakeCache.txt`))
    run('cmake', ['-S', `${ROOT}bench/drift`, '-B', NATIVE_DIR, '-DCMAKE_BUILD_TYPE=Release']);
  run('cmake', ['--build', NATIVE_DIR, '-j2']);
  if (!existsSync(`${WASM_DIR}/CMakeCache.txt`))
    run('emcmake', ['cmake', '-S', `${ROOT}bench/drift`, '-B', WASM_DIR, '-DCMAKE_BUILD_TYPE=Release']);
  run('cmake', ['--build', WASM_DIR, '-j2']);
}

// The columns: a seeded xorshift128+ stream through Box-Muller. Column k: N(mu_k, sd_k) in the
// reference; the current adds shift_k * sd_k.
function makeData() {
  let s0 = 0x9e3779b97f4a7c15n, s1 = 0xbf58476d1ce4e5b9n;
  const M = (1n << 64n) - 1n;
  const next = () => {
    let x = s0; const y = s1;
    s0 = y; x ^= (x << 23n) & M; s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return Number(((s1 + y) & M) >> 11n) / 2 ** 53;
  };
  // BigInt is slow for 40 million draws: seed a fast 32-bit generator per column from it.
  const mulberry = (a) => () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normals = (rand, n, mu, sd, shift, round) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i += 2) {
      const u = 1 - rand(), v = rand();
      const r = Math.sqrt(-2 * Math.log(u));
      out[i] = mu + sd * (shift + r * Math.cos(2 * Math.PI * v));
      if (i + 1 < n) out[i + 1] = mu + sd * (shift + r * Math.sin(2 * Math.PI * v));
    }
    if (round) for (let i = 0; i < n; i++) out[i] = Math.round(out[i] * 100) / 100;
    return out;
  };
  const columns = [];
  for (let k = 0; k < COLS; k++) {
    const mu = 10 * next() - 5, sd = 0.5 + 3 * next();
    const shift = k < 10 ? 0.1 : k < 15 ? 0 : 0.5;
    const round = k === 19;
    columns.push({
      reference: normals(mulberry(Math.floor(next() * 2 ** 32)), ROWS, mu, sd, 0, round),
      current: normals(mulberry(Math.floor(next() * 2 ** 32)), ROWS, mu, sd, shift, round),
      shift,
    });
  }
  return columns;
}

function writeData(columns) {
  const fd = openSync(DATA, 'w');
  for (const side of ['reference', 'current'])
    for (const c of columns) writeSync(fd, new Uint8Array(c[side].buffer));
  closeSync(fd);
}

async function wasmPeer(columns) {
  const { default: createBenchDrift } = await import(`${WASM_DIR}/bench_drift.mjs`);
  const m = await createBenchDrift({ wasmBinary: readFileSync(`${WASM_DIR}/bench_drift.wasm`) });
  const heapStart = m.HEAP8.length;
  const bench = new m.DriftBench();
  let t = performance.now();
  columns.forEach((c, k) => bench.addColumn(`x${k}`, c.reference, c.current));
  const copySeconds = (performance.now() - t) / 1000;
  const heapLoaded = m.HEAP8.length;
  const out = { copySeconds, heapStart, heapLoaded };
  for (const [key, method] of [['auto', ''], ['ks', 'ks']]) {
    let best = Infinity; let result;
    for (let i = 0; i < REPS; i++) {
      t = performance.now();
      result = JSON.parse(bench.run(method));
      best = Math.min(best, (performance.now() - t) / 1000);
    }
    if (result.error) throw new Error(result.error);
    out[key] = { seconds: best, ...result };
  }
  out.heapPeak = m.HEAP8.length;  // wasm memory only grows: its final size is the peak
  bench.delete();
  return out;
}

function scipyPeer() {
  const out = execFileSync(PY, [`${ROOT}bench/drift/scipy_peer.py`, DATA, String(COLS), String(ROWS), String(REPS)],
    { env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 1 << 22 });
  return JSON.parse(out.toString());
}

function maxRelDiff(a, b) {
  let worst = 0;
  a.forEach((x, i) => {
    const y = b[i];
    if (x === y) return;
    worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), Number.MIN_VALUE));
  });
  return worst;
}

mkdirSync(`${ROOT}build`, { recursive: true });
build();
let t0 = performance.now();
const columns = makeData();
writeData(columns);
const genSeconds = (performance.now() - t0) / 1000;
const native = JSON.parse(execFileSync(`${NATIVE_DIR}/bench_drift`, [DATA, String(COLS), String(ROWS), String(REPS)]).toString());
const wasm = await wasmPeer(columns);
const scipy = scipyPeer();

const MB = (bytes) => (bytes / 1e6).toFixed(0);  // decimal megabytes, as the target is stated
const sampleBytes = 2 * COLS * ROWS * 8;
const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
console.log(`bench/drift: ${COLS} numeric columns x ${ROWS.toLocaleString('en')} reference and ${ROWS.toLocaleString('en')} current rows ` +
  `(10 shifted by 0.1 sd, 5 by 0.5 sd, 5 unshifted; one rounded to 0.01), the same data for every peer`);
console.log(`best of ${REPS}; the core's time is the whole report (type inference, distinct counts, the test, the verdict ` +
  `sentence and the overlay histogram per column); SciPy's is the test calls alone; data made and written in ${genSeconds.toFixed(1)} s`);
console.log(`load average at start: ${load0.map((v) => v.toFixed(2)).join(' ')} on 2 cores shared with other work\n`);
const W = [42, 27, 8, 8, 8];
const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(W[i]) : String(c).padStart(W[i]))).join(' | ');
console.log(line(['tests (every column)', 'peer', 'seconds', 'x SciPy', 'drifted']));
console.log(W.map((w) => '-'.repeat(w)).join('-|-'));
const rows = [
  ['normed Wasserstein (automatic choice)', native.auto, wasm.auto, scipy.wasserstein],
  ['K-S, asymptotic p-value (--test ks)', native.ks, wasm.ks, scipy.ks],
];
const drifted = (r, test) => (r.columns ? r.columns.filter((c) => (test === 'ks' ? c.score <= 0.05 : c.score >= 0.1)).length : '');
for (const [name, n, w, s] of rows) {
  const test = name.startsWith('K-S') ? 'ks' : 'w';
  console.log(line([name, 'native core', fmt(n.seconds, 2), fmt(s.seconds / n.seconds, 1), n.drifted]));
  console.log(line(['', 'wasm core (node)', fmt(w.seconds, 2), fmt(s.seconds / w.seconds, 1), w.drifted]));
  console.log(line(['', `SciPy ${scipy.version} (numpy ${scipy.numpy})`, fmt(s.seconds, 2), '1.0', drifted(s, test)]));
}
const both = (r) => r[0] + r[1];
const nb = both([native.auto.seconds, native.ks.seconds]), wb = both([wasm.auto.seconds, wasm.ks.seconds]);
const sb = both([scipy.wasserstein.seconds, scipy.ks.seconds]);
console.log(line(['both tests', 'native core', fmt(nb, 2), fmt(sb / nb, 1), '']));
console.log(line(['', 'wasm core (node)', fmt(wb, 2), fmt(sb / wb, 1), '']));
console.log(line(['', 'SciPy', fmt(sb, 2), '1.0', '']));

console.log(`\nwasm heap: ${MB(wasm.heapStart)} MB at start, ${MB(wasm.heapLoaded)} MB with the columns loaded ` +
  `(copied in from Float64Arrays in ${wasm.copySeconds.toFixed(2)} s), ${MB(wasm.heapPeak)} MB at its peak; ` +
  `samples ${MB(sampleBytes)} MB`);
const agree = (a, b) => maxRelDiff(a.columns.map((c) => c.score), b.columns.map((c) => c.score));
console.log(`agreement, largest relative difference of the 20 scores: normed Wasserstein wasm vs SciPy ${agree(wasm.auto, scipy.wasserstein).toExponential(1)}, ` +
  `native vs SciPy ${agree(native.auto, scipy.wasserstein).toExponential(1)}; K-S p-value wasm vs SciPy ${agree(wasm.ks, scipy.ks).toExponential(1)}, ` +
  `native vs wasm ${agree(native.ks, wasm.ks).toExponential(1)}; K-S D wasm vs SciPy ` +
  `${maxRelDiff(wasm.ks.columns.map((c) => c.statistic), scipy.ks.columns.map((c) => c.statistic)).toExponential(1)}`);

const verdict = (ok) => (ok ? 'met' : 'missed');
console.log('\ntargets:');
console.log(`  wasm report at least 2x faster than SciPy, normed Wasserstein: ${verdict(scipy.wasserstein.seconds >= 2 * wasm.auto.seconds)} ` +
  `(${(scipy.wasserstein.seconds / wasm.auto.seconds).toFixed(1)}x)`);
console.log(`  wasm report at least 2x faster than SciPy, K-S: ${verdict(scipy.ks.seconds >= 2 * wasm.ks.seconds)} ` +
  `(${(scipy.ks.seconds / wasm.ks.seconds).toFixed(1)}x)`);
console.log(`  wasm heap peak at most twice the samples (${MB(2 * sampleBytes)} MB): ${verdict(wasm.heapPeak <= 2 * sampleBytes)} ` +
  `(${MB(wasm.heapPeak)} MB)`);
console.log(`\nload average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
