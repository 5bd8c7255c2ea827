// The Runs view in real Chromium: recorded runs in a table that the core's filter narrows (a bad
// filter names its position), sortable from the keyboard and searchable; two runs compared with
// the differing param marked and one group of bars per run; a run's note and "Register model";
// and a real training followed from its run to its dataset version's lineage.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

const RUNS = [
  { params: { max_depth: 3, criterion: 'gini' }, metrics: { accuracy: 0.9, precision_macro: 0.91, recall_macro: 0.89 }, series: { train_loss: [0.9, 0.5, 0.3] }, tags: { model: 'Decision Tree' } },
  { params: { max_depth: 5, criterion: 'gini' }, metrics: { accuracy: 0.95, precision_macro: 0.94, recall_macro: 0.96 }, series: { train_loss: [0.8, 0.4, 0.2, 0.1] }, tags: { model: 'Decision Tree' } },
  { family: 'random_forest', params: { n_estimators: 10 }, metrics: { accuracy: 0.8, precision_macro: 0.81, recall_macro: 0.79 }, tags: { model: 'Random Forest' }, note: 'a small forest' },
];

// Opens the Runs view with the three runs recorded through the workspace, as a training would.
async function openRuns(t) {
  const ctx = await openPage(t, '#/runs');
  await ctx.page.getByRole('heading', { level: 2, name: 'Runs' }).waitFor();
  await ctx.page.evaluate(async (runs) => {
    await window.mlplay.workspaceReady;
    for (const r of runs) {
      await window.mlplay.workspace.apply({ type: 'run.record', experiment: 'IRISExperiment', family: 'decision_tree', ...r });
    }
  }, RUNS);
  await ctx.page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run="run-3"]').waitFor();
  return ctx;
}

const main = (page) => page.locator('#view');
const shownRuns = (page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run]')
  .evaluateAll((rows) => rows.map((r) => r.dataset.run));

async function applyFilter(page, text) {
  await page.getByLabel('Filter', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Apply filter' }).click();
}

test('a filter in the core\'s grammar shows the runs it matches; a bad one shows the error with its position', async (t) => {
  const { page, problems } = await openRuns(t);
  assert.deepEqual(await shownRuns(page), ['run-3', 'run-2', 'run-1'], 'newest first');
  const table = page.getByRole('table', { name: 'Runs' });
  const row1 = await table.locator('tr[data-run="run-1"]').innerText();
  for (const text of ['IRISExperiment', 'finished', 'Decision Tree', 'day 1, 00:00', '0.9', '0.91', '0.89']) assert.ok(row1.includes(text), `run-1's row shows ${text}: ${row1}`);

  await applyFilter(page, 'metrics.accuracy > 0.85');
  await page.getByText('2 of 3 runs shown.').waitFor();
  assert.deepEqual(await shownRuns(page), ['run-2', 'run-1']);
  await applyFilter(page, 'metrics.accuracy > 0.85 and params.max_depth = 3');
  await page.getByText('1 of 3 runs shown.').waitFor();
  assert.deepEqual(await shownRuns(page), ['run-1']);

  await applyFilter(page, 'metrics.accuracy > high');
  const error = main(page).getByRole('alert').filter({ hasText: 'tracking.bad_filter' });
  await error.waitFor();
  assert.match(await error.innerText(), /position 20: metrics compare with numbers, not 'high'/);
  // The caret stands under the column the core named.
  const caret = (await error.locator('pre').innerText()).split('\n');
  assert.equal(caret[1].indexOf('^'), caret[0].indexOf('high'));
  assert.equal(await page.getByLabel('Filter', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByText('3 of 3 runs shown (the filter was not applied).').waitFor();

  await applyFilter(page, 'tags.model = "Random Forest"');
  await page.getByText('1 of 3 runs shown.').waitFor();
  assert.equal(await error.count(), 0, 'the error is gone once the filter is good');
  assert.deepEqual(await shownRuns(page), ['run-3']);
  await applyFilter(page, '');
  await page.getByText('3 of 3 runs shown.').waitFor();
  assert.deepEqual(problems, []);
});

test('column headers sort from the keyboard and free text searches model, tags and note', async (t) => {
  const { page, problems } = await openRuns(t);
  const header = page.getByRole('table', { name: 'Runs' }).getByRole('button', { name: 'accuracy', exact: true });
  await header.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] button[data-key="metrics.accuracy"]'));
  assert.deepEqual(await shownRuns(page), ['run-2', 'run-1', 'run-3'], 'best accuracy first');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'metrics.accuracy', 'focus stays on the header');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] button[data-key="metrics.accuracy"]'));
  assert.deepEqual(await shownRuns(page), ['run-3', 'run-1', 'run-2']);

  await page.getByLabel('Search').fill('forest');
  await page.getByText('1 of 3 runs shown.').waitFor();
  assert.deepEqual(await shownRuns(page), ['run-3']);
  await page.getByLabel('Search').fill('small');  // the note of run-3
  assert.deepEqual(await shownRuns(page), ['run-3']);
  await page.getByLabel('Search').fill('decision');
  await page.getByText('2 of 3 runs shown.').waitFor();
  assert.deepEqual(await shownRuns(page), ['run-1', 'run-2']);
  assert.deepEqual(problems, []);
});

test('comparing two runs marks the differing param, overlays their losses and draws one group of bars per run', async (t) => {
  const { page, problems } = await openRuns(t);
  await page.getByLabel('Select run-1').check();
  await page.getByText('Select one more run to compare.').waitFor();
  await page.getByLabel('Select run-2').check();
  const compare = page.getByRole('region', { name: 'Compare 2 runs' });
  await compare.waitFor();

  const params = compare.getByRole('table', { name: 'Parameters' });
  const depth = params.getByRole('row', { name: /^max_depth/ });
  assert.match(await depth.innerText(), /max_depth\s+3\s+5\s+≠ differs/);
  assert.match(await depth.getAttribute('class'), /differs/);
  const criterion = params.getByRole('row', { name: /^criterion/ });
  assert.doesNotMatch(await criterion.innerText(), /differs/);
  assert.equal(await criterion.getAttribute('class'), null);
  assert.match(await compare.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^accuracy/ }).innerText(), /0\.9\s+0\.95\s+≠ differs/);

  const loss = compare.getByRole('figure', { name: 'Training loss per step' });
  await loss.waitFor();
  const legend = await loss.locator('.u-legend').innerText();
  assert.ok(legend.includes('run-1') && legend.includes('run-2'), `one curve per run: ${legend}`);

  const chart = compare.getByRole('figure', { name: 'Metrics across runs' });
  assert.deepEqual(await chart.locator('g.bar-group').evaluateAll((gs) => gs.map((g) => g.dataset.run)), ['run-1', 'run-2']);
  assert.equal(await chart.locator('g.bar-group[data-run="run-1"] rect').count(), 3, 'accuracy, precision and recall');
  assert.deepEqual(await chart.getByRole('list', { name: 'Metrics' }).getByRole('listitem').allInnerTexts(), ['accuracy', 'precision_macro', 'recall_macro']);
  await compare.getByLabel('precision_macro', { exact: true }).uncheck();
  await chart.locator('g.bar-group[data-run="run-1"] rect').nth(1).waitFor();
  assert.equal(await chart.locator('g.bar-group[data-run="run-1"] rect').count(), 2);
  await screenshot(page, 'runs-compare');

  // A third run makes a third group, and keeps the metrics picked.
  await page.getByLabel('Select run-3').check();
  const three = page.getByRole('region', { name: 'Compare 3 runs' });
  await three.waitFor();
  const groups = three.getByRole('figure', { name: 'Metrics across runs' }).locator('g.bar-group');
  assert.deepEqual(await groups.evaluateAll((gs) => gs.map((g) => g.dataset.run)), ['run-1', 'run-2', 'run-3']);
  assert.equal(await groups.last().locator('rect').count(), 2);
  await three.getByRole('figure', { name: 'Training loss per step' }).getByText('1 of the runs logged no training loss per step.').waitFor();
  await three.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByText('3 of 3 runs shown.').waitFor();
  assert.equal(await page.getByRole('region', { name: /^Compare/ }).count(), 0);
  assert.deepEqual(problems, []);
});

test('a run\'s detail saves its note and registers its model as IRIS:1, linked to the Models view', async (t) => {
  const { page, problems } = await openRuns(t);
  await page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: 'run-1', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Run run-1' });
  await detail.waitFor();
  assert.match(await detail.getByRole('table', { name: 'Parameters' }).innerText(), /max_depth\s+3/);
  assert.match(await detail.getByRole('table', { name: 'Metrics' }).innerText(), /recall_macro\s+0\.89/);
  assert.match(await detail.getByRole('table', { name: 'Tags' }).innerText(), /model\s+Decision Tree/);

  await detail.getByLabel('Note', { exact: true }).fill('depth 3 is enough');
  await detail.getByRole('button', { name: 'Save note' }).click();
  await detail.getByText('Note saved on run-1.').waitFor();
  await page.getByLabel('Search').fill('enough');
  await page.getByText('1 of 3 runs shown.').waitFor();

  const form = detail.getByRole('form', { name: 'Register model' });
  assert.equal(await form.getByLabel('Model name').inputValue(), 'IRIS');
  assert.equal(await form.getByLabel('Tags').inputValue(), 'model=Decision Tree');
  await form.getByLabel('Tags').fill('not a tag');
  await form.getByRole('button', { name: 'Register model' }).click();
  await form.getByRole('alert').getByText(/"not a tag" is not a tag: write key=value/).waitFor();
  await form.getByLabel('Tags').fill('model=Decision Tree');
  await form.getByLabel('Description').fill('first tree');
  await form.getByRole('button', { name: 'Register model' }).click();
  await form.getByText('Registered IRIS:1 from run-1.').waitFor();
  await screenshot(page, 'runs-detail');

  await form.getByRole('link', { name: 'Open in Models' }).click();
  const version = page.getByRole('article', { name: 'IRIS:1' });
  await version.waitFor();
  const text = await version.innerText();
  for (const s of ['None', 'run-1', 'first tree', 'model=Decision Tree', 'Data Scientist']) assert.ok(text.includes(s), `IRIS:1 shows ${s}: ${text}`);
  assert.deepEqual(problems, []);
});

test('a training in the Train view is a run with its confusion matrix, linked to its dataset version\'s lineage', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await page.getByRole('heading', { level: 2, name: 'Train' }).waitFor();
  await page.getByLabel('Dataset').selectOption('builtin:iris');
  await page.getByText(/classification \(3 classes/).waitFor();
  await page.getByLabel('Model').selectOption('decision_tree');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Logged as' }).getByRole('link', { name: 'run-1' }).click({ timeout: 60000 });

  const detail = page.getByRole('region', { name: 'Run run-1' });
  await detail.waitFor();
  const cm = detail.getByRole('table', { name: 'Confusion matrix' });
  assert.equal((await cm.locator('tbody td').allTextContents()).map(Number).reduce((a, b) => a + b, 0), 38);
  await detail.getByRole('table', { name: 'Per-class scores' }).waitFor();
  assert.equal(await page.getByRole('table', { name: 'Runs' }).locator('tr[data-run="run-1"]').getByRole('link', { name: 'IRIS:1' }).count(), 1);
  await detail.getByRole('button', { name: 'Register model' }).click();
  await detail.getByText('Registered IRIS:1 from run-1.').waitFor();

  await detail.getByRole('link', { name: 'IRIS:1' }).first().click();  // the dataset version
  await page.getByRole('heading', { level: 3, name: 'Dataset version IRIS:1' }).waitFor();
  await page.getByRole('list', { name: 'Runs on IRIS:1' }).getByRole('link', { name: 'run-1' }).waitFor();
  await page.getByRole('list', { name: 'Model versions from IRIS:1' }).getByRole('link', { name: 'IRIS:1' }).click();
  const chain = page.getByRole('list', { name: 'Lineage of IRIS:1' });
  await chain.waitFor();
  assert.deepEqual((await chain.getByRole('listitem').allInnerTexts()).map((s) => s.split('\n').slice(0, 2).join(' ').toLowerCase()),
    ['dataset version iris:1', 'run run-1', 'model version iris:1']);
  await screenshot(page, 'lineage-model');
  assert.deepEqual(problems, []);
});
