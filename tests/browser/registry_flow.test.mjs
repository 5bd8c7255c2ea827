// Issue 6's whole flow in real Chromium, as a student does it: two trainings with different
// parameters, compared in the Runs view, registered as IRIS:1 and IRIS:2, IRIS:2 promoted to
// Production; a reload restores it all from IndexedDB; an export, a new workspace and an import
// of that file bring it all back.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';
import { nav, registerRun, trainIris } from './flows.mjs';

// Trains and returns the max_depth the workspace logged for the new run.
async function train(page, depth, expected) {
  await trainIris(page, depth, expected);
  return page.evaluate(() => window.mlplay.workspace.state.workspace.tracking.runs.at(-1).params.max_depth);
}

async function register(page, run) {
  await page.goto(page.url().replace(/#.*$/, '') + `#/runs/${run}`);
  assert.equal(await page.getByRole('region', { name: `Run ${run}` }).getByRole('form', { name: 'Register model' }).getByLabel('Model name').inputValue(), 'IRIS');
  return registerRun(page, run, `tree from ${run}`);
}

// What the student sees in the Runs and Models views, as plain facts.
async function seen(page) {
  await nav(page, 'Runs');
  const runs = page.getByRole('table', { name: 'Runs' });
  await runs.locator('tr[data-run="run-2"]').waitFor();
  const runIds = await runs.locator('tbody tr[data-run]').evaluateAll((trs) => trs.map((tr) => tr.dataset.run).sort());
  await nav(page, 'Models');
  const stage = async (ref) => (await page.getByRole('article', { name: ref }).locator('.stage').textContent()).trim();
  await page.getByRole('article', { name: 'IRIS:2' }).waitFor();
  return { runIds, iris1: await stage('IRIS:1'), iris2: await stage('IRIS:2') };
}

test('train two runs, compare, register IRIS:1 and IRIS:2, promote IRIS:2; reload restores it; export, new, import brings it back', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  assert.equal(await train(page, 1, 'run-1'), 1);
  assert.equal(await train(page, 3, 'run-2'), 3);

  await nav(page, 'Runs');
  await page.getByLabel('Select run-1').check();
  await page.getByLabel('Select run-2').check();
  const compare = page.getByRole('region', { name: 'Compare 2 runs' });
  const depth = compare.getByRole('table', { name: 'Parameters' }).getByRole('row', { name: /^max_depth/ });
  assert.match(await depth.innerText(), /1\s+3\s+≠ differs/);
  assert.match(await compare.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^accuracy/ }).innerText(), /≠ differs/);
  await compare.getByRole('figure', { name: 'Metrics across runs' }).waitFor();
  await screenshot(page, 'flow-compare');

  assert.equal(await register(page, 'run-1'), 'IRIS:1');
  assert.equal(await register(page, 'run-2'), 'IRIS:2');
  await nav(page, 'Models');
  const form = page.getByRole('form', { name: 'Transition IRIS:2' });
  await form.getByLabel('Move to stage').selectOption('Production');
  await form.getByLabel('Comment').fill('deeper tree, better accuracy');
  await form.getByRole('button', { name: 'Transition' }).click();
  await page.locator('#view').getByRole('status').getByText('IRIS:2 moved from').waitFor();
  const expected = { runIds: ['run-1', 'run-2'], iris1: 'None', iris2: 'Production' };
  assert.deepEqual(await seen(page), expected);
  const before = await page.evaluate(() => JSON.stringify(window.mlplay.workspace.state.workspace));

  // Reload: everything comes back from IndexedDB.
  await page.reload();
  await page.evaluate(() => window.mlplay.workspaceReady);
  assert.deepEqual(await seen(page), expected);
  assert.equal(await page.evaluate(() => JSON.stringify(window.mlplay.workspace.state.workspace)), before);
  await screenshot(page, 'flow-reloaded');

  // Export, start a new workspace (asked first), import the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const file = Buffer.concat(await (await download.createReadStream()).toArray());
  await page.getByRole('button', { name: 'New workspace' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/Start a new, empty workspace\?/).waitFor();
  await dialog.getByRole('button', { name: 'Keep this one' }).click();
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.counts.runs), 2, 'keeping it changes nothing');
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start a new workspace' }).click();
  await page.locator('#workspace-status').getByText('0 runs · 0 model versions · 0 dataset versions').waitFor();
  await nav(page, 'Models');
  await page.getByText(/No registered models yet/i).waitFor();

  await page.locator('#import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
  await page.locator('#workspace-status').getByText(/Imported .*: 2 runs, 2 model versions, 1 dataset versions/).waitFor();
  assert.deepEqual(await seen(page), expected);
  assert.equal(await page.evaluate(() => JSON.stringify(window.mlplay.workspace.state.workspace)), before);
  // The imported workspace is what the browser keeps now.
  await page.reload();
  await page.evaluate(() => window.mlplay.workspaceReady);
  assert.deepEqual(await seen(page), expected);
  assert.deepEqual(problems, []);
});
