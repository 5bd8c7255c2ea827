import { readFileSync } from 'node:fs';
import { DecisionTreeClassifier } from 'ml-cart';
import { RandomForestClassifier } from 'ml-random-forest';
const lines = readFileSync('/work/main/build/train-2class.csv','utf8').trim().split('\n').slice(1);
for (const n of [2000, 5000]) {
  const X = [], y = [];
  for (const l of lines.slice(0, n)) { const v = l.split(',').map(Number); y.push(v.pop()); X.push(v); }
  let t = performance.now();
  const dt = new DecisionTreeClassifier({ maxDepth: 10 }); dt.train(X, y);
  console.log('cart', n, (performance.now() - t) / 1000);
  t = performance.now();
  const rf = new RandomForestClassifier({ nEstimators: 5, treeOptions: { maxDepth: 10 }, noOOB: true, seed: 42 }); rf.train(X, y);
  console.log('rf5', n, (performance.now() - t) / 1000);
}
