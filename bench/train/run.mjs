// bench/train: a seeded make_classification table (100,000 rows x 20 features, 6 informative,
// class_sep 0.5; binary and 3 classes), split 75% / 25% once into train and test CSVs, then a
// depth-10 decision tree, a 100-tree depth-10 random forest and 100 iterations of histogram
// gradient boosting (no early stopping) fitted by the native core, the wasm core under node and
// scikit-learn (Debian's python3-sklearn, one thread, when present), and ml-cart's tree and
// ml-random-forest from npm on a prefix of the same training rows (they are too slow for all of
// them). Every peer scores the same test rows. Prints one table of fit seconds, seconds per 1,000
// training rows, test accuracy and ratios, then the targets met or missed.
//   node bench/train/run.mjs [ROWS] [JS_ROWS] [JS_FOREST_ROWS]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DecisionTreeClassifier } from 'ml-cart';
import { RandomForestClassifier } from 'ml-random-forest';
import { loadModule } from '../../tests/wasm/load_core.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const rows = Number(process.argv[2] ?? 1e5);
const jsRows = Number(process.argv[3] ?? 20000);
// ml-random-forest grows each of its 100 trees with ml-cart (about 2 minutes per tree at 20,000
// rows), so it gets fewer rows, still 100 trees.
const jsForestRows = Number(process.argv[4] ?? 2000);
const py = '/usr/bin/python3';
const load0 = loadavg();

// The same parameter names in the core and scikit-learn; reps: best of, for every peer alike.
const FITS = [
  { family: 'decision_tree', name: 'decision tree, max_depth 10', params: { max_depth: 10 }, reps: 3 },
  { family: 'random_forest', name: 'random forest, 100 trees, max_depth 10', params: { n_estimators: 100, max_depth: 10 }, reps: 2 },
  { family: 'gradient_boosting', name: 'hist. gradient boosting, max_iter 100, no early stopping', params: { max_iter: 100, early_stopping: 'false' }, reps: 2 },
];

const best = (reps, f) => {
  let seconds = Infinity; let out;
  for (let i = 0; i < reps; i++) { const t = performance.now(); out = f(); seconds = Math.min(seconds, (performance.now() - t) / 1000); }
  return { seconds, out };
};
const csvLines = (path) => readFileSync(path, 'utf8').trimEnd().split('\n');
const parseRows = (lines) => {
  const X = []; const y = [];
  for (const line of lines) { const v = line.split(',').map(Number); y.push(v.pop()); X.push(v); }
  return { X, y };
};
const accuracy = (pred, y) => pred.reduce((s, p, i) => s + (p === y[i]), 0) / y.length;

// The wasm core: the first `n` training rows followed by every test row as one table, and
// train.run with a time-ordered split whose test part is exactly the test rows. The time covers
// the whole run (preprocessing, the fit, scoring the test part), not fit() alone.
async function wasmCore(header, trainLines, testLines, n, fits) {
  const m = await loadModule();
  const core = new m.Core();
  const call = (c, a) => { const r = JSON.parse(core.call(c, JSON.stringify(a))); if (r.error) throw new Error(`${r.error.code}: ${r.error.message}`); return r.result; };
  const bytes = Buffer.from([header, ...trainLines.slice(0, n), ...testLines].join('\n') + '\n');
  const { upload } = call('data.csv.begin', { options: { expected_bytes: bytes.length } });
  for (let off = 0; off < bytes.length; off += 4 << 20) {
    const r = JSON.parse(core.feedCsv(upload, bytes.subarray(off, off + (4 << 20))));
    if (r.error) throw new Error(r.error.message);
  }
  const { table } = call('data.csv.finish', { upload });
  const out = {};
  for (const f of fits) {
    const args = { table, target: 'target', task: 'classification', family: f.family, params: f.params, split: 'time', test_size: testLines.length, seed: 42 };
    const run = best(f.reps, () => call('train.run', args));
    if (run.out.rows.train !== n || run.out.rows.test !== testLines.length) throw new Error(`wasm split ${JSON.stringify(run.out.rows)}`);
    out[f.family] = { seconds: run.seconds, accuracy: run.out.metrics.accuracy, rows: n };
  }
  return out;
}

function sklearnPeer(trainCsv, testCsv) {
  if (!existsSync(py)) return null;
  try {
    const fits = FITS.map(({ family, params, reps }) => ({ family, params, reps }));
    const out = JSON.parse(execFileSync(py, [`${ROOT}bench/train/sklearn_peer.py`, trainCsv, testCsv, JSON.stringify(fits)],
      { env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 1 << 20 }).toString());
    return { version: out.version, fits: Object.fromEntries(out.fits.map((f) => [f.family, { seconds: f.fit_seconds, accuracy: f.accuracy, rows: f.rows }])) };
  } catch (e) {
    console.error(`(scikit-learn not measured: ${e.message.split('\n')[0]})`);
    return null;
  }
}

const datasets = [];
for (const classes of [2, 3]) {
  const fitsArg = JSON.stringify(FITS.map(({ family, params, reps }) => ({ family, params, reps })));
  const native = JSON.parse(execFileSync(`${ROOT}build/native/bench_train`, [`${ROOT}build`, String(classes), String(rows), fitsArg]).toString());
  const [header, ...trainLines] = csvLines(native.train_csv);
  const testLines = csvLines(native.test_csv).slice(1);
  const test = parseRows(testLines);

  const wasm = await wasmCore(header, trainLines, testLines, trainLines.length, FITS);
  // The wasm core again on exactly the rows the JS peers get, so their accuracy is comparable.
  const wasmSmall = {
    decision_tree: (await wasmCore(header, trainLines, testLines, jsRows, [FITS[0]])).decision_tree,
    random_forest: (await wasmCore(header, trainLines, testLines, jsForestRows, [FITS[1]])).random_forest,
  };
  const sklearn = sklearnPeer(native.train_csv, native.test_csv);

  const small = parseRows(trainLines.slice(0, jsRows));
  const cart = best(1, () => { const t = new DecisionTreeClassifier({ maxDepth: 10 }); t.train(small.X, small.y); return t; });
  const forestRows = parseRows(trainLines.slice(0, jsForestRows));
  const forest = best(1, () => {
    const f = new RandomForestClassifier({ nEstimators: 100, treeOptions: { maxDepth: 10 }, noOOB: true, seed: 42 });
    f.train(forestRows.X, forestRows.y);
    return f;
  });
  const js = {
    decision_tree: { seconds: cart.seconds, accuracy: accuracy(cart.out.predict(test.X), test.y), rows: jsRows },
    random_forest: { seconds: forest.seconds, accuracy: accuracy(forest.out.predict(test.X), test.y), rows: jsForestRows },
  };
  const nativeFits = Object.fromEntries(native.fits.map((f) => [f.family, f]));
  datasets.push({ classes, native, nativeFits, wasm, wasmSmall, sklearn, js });
}

// ---- the table ----
const per1k = (r) => r.seconds / (r.rows / 1000);
const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
// Ratios far below 1 (the JS peers) read better as a fraction than as 0.00.
const ratio = (v, d) => (Number.isFinite(v) && v > 0 && v < 0.01 ? `1/${Math.round(1 / v)}` : fmt(v, d));
const first = datasets[0];
const nTest = first.native.test;
console.log(`bench/train: make_classification, ${rows.toLocaleString('en')} rows x 20 features (6 informative, class_sep 0.5, seed 42); ` +
  `train on the first ${first.native.train.toLocaleString('en')}, test on the last ${nTest.toLocaleString('en')} (the same test rows for every peer)`);
console.log(`core times are a whole training run (preprocessing + fit + scoring the test part); scikit-learn, ml-cart and ml-random-forest time fit() alone. ` +
  `Best of ${FITS.map((f) => `${f.reps} (${f.family})`).join(', ')}; JS peers once.`);
console.log(`x scikit-learn, x wasm: how many times less time per 1,000 training rows than scikit-learn / the wasm core on the same model (> 1 = faster)`);
console.log(`load average at start: ${load0.map((v) => v.toFixed(2)).join(' ')} on 2 cores shared with other builds\n`);
const W = [44, 7, 11, 10, 9, 14, 6];
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(W[i]) : String(c).padStart(W[i]))).join(' | ');
console.log(line(['peer', 'rows', 'fit seconds', 's/1k rows', 'test acc', 'x scikit-learn', 'x wasm']));
console.log(W.map((w) => '-'.repeat(w)).join('-|-'));
for (const d of datasets) {
  for (const f of FITS) {
    console.log(`-- ${d.classes === 2 ? 'binary' : `${d.classes} classes`}: ${f.name}`);
    const nat = d.nativeFits[f.family];
    const trainRows = d.native.train;
    const peers = [
      ['native core', { seconds: nat.run_seconds, accuracy: nat.accuracy, rows: trainRows }],
      ['native core, fit() alone', { seconds: nat.fit_seconds, accuracy: nat.fit_accuracy, rows: trainRows }],
      ['wasm core (node)', d.wasm[f.family]],
    ];
    if (d.sklearn) peers.push([`scikit-learn ${d.sklearn.version} (1 thread)`, d.sklearn.fits[f.family]]);
    if (f.family === 'decision_tree') {
      peers.push(['wasm core (node), ml-cart\'s rows', d.wasmSmall.decision_tree]);
      peers.push(['ml-cart 2.1.1 (node)', d.js.decision_tree]);
    }
    if (f.family === 'random_forest') {
      peers.push(['wasm core (node), ml-random-forest\'s rows', d.wasmSmall.random_forest]);
      peers.push(['ml-random-forest 2.1.0 (node), 100 trees', d.js.random_forest]);
    }
    const sk = d.sklearn?.fits[f.family];
    const w = d.wasm[f.family];
    for (const [name, r] of peers) {
      console.log(line([name, r.rows.toLocaleString('en'), fmt(r.seconds, 3), fmt(per1k(r), 4), fmt(r.accuracy, 4),
        sk ? ratio(per1k(sk) / per1k(r), 2) : 'n/a', ratio(per1k(w) / per1k(r), 3)]));
    }
  }
}
if (!first.sklearn) console.log('(scikit-learn not measured: Debian\'s python3-sklearn is not installed)');

// ---- the targets ----
// "Equal" accuracy: within one standard error of an accuracy measured on the test rows.
const se = (acc) => Math.sqrt(acc * (1 - acc) / nTest);
const verdict = (ok) => (ok ? 'met' : 'missed');
console.log('\ntargets (accuracy "equal" = no more than one standard error, sqrt(p(1-p)/test rows), below scikit-learn):');
for (const d of datasets) {
  const tag = d.classes === 2 ? 'binary' : `${d.classes} classes`;
  const sk = d.sklearn?.fits;
  const accOk = (r, s) => r.accuracy >= s.accuracy - se(s.accuracy);
  const accNote = (r, s) => `accuracy ${r.accuracy.toFixed(4)} vs ${s.accuracy.toFixed(4)}`;
  for (const fam of ['decision_tree', 'random_forest']) {
    const w = d.wasm[fam];
    if (!sk) { console.log(`  ${tag}: wasm ${fam} at least as fast as scikit-learn: n/a`); continue; }
    const s = sk[fam];
    console.log(`  ${tag}: wasm ${fam} at least as fast as scikit-learn, equal or better accuracy: ` +
      `${verdict(w.seconds <= s.seconds && accOk(w, s))} (${(s.seconds / w.seconds).toFixed(2)}x as fast; ${accNote(w, s)})`);
  }
  if (sk) {
    const s = sk.gradient_boosting; const w = d.wasm.gradient_boosting; const n = d.nativeFits.gradient_boosting;
    const nr = { seconds: n.run_seconds, accuracy: n.accuracy };
    console.log(`  ${tag}: wasm boosting within 3x of scikit-learn, equal or better accuracy: ` +
      `${verdict(w.seconds <= 3 * s.seconds && accOk(w, s))} (${(w.seconds / s.seconds).toFixed(2)}x its time; ${accNote(w, s)})`);
    console.log(`  ${tag}: native boosting within 1.5x of scikit-learn, equal or better accuracy: ` +
      `${verdict(nr.seconds <= 1.5 * s.seconds && accOk(nr, s))} (${(nr.seconds / s.seconds).toFixed(2)}x its time for the whole run, ` +
      `${(n.fit_seconds / s.seconds).toFixed(2)}x for fit() alone; ${accNote(nr, s)})`);
  }
  const w = d.wasm.decision_tree; const c = d.js.decision_tree; const ws = d.wasmSmall.decision_tree;
  console.log(`  ${tag}: wasm tree at least 100x faster than ml-cart per 1,000 rows: ${verdict(per1k(c) / per1k(w) >= 100)} ` +
    `(${(per1k(c) / per1k(w)).toFixed(0)}x per row; ${(c.seconds / ws.seconds).toFixed(0)}x on the same ${jsRows.toLocaleString('en')} rows)`);
}
const load1 = loadavg();
console.log(`\nload average at end: ${load1.map((v) => v.toFixed(2)).join(' ')}`);
