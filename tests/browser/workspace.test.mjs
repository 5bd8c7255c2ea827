// The workspace in real Chromium: a training is logged as a run, undo and redo work from the
// header, the workspace survives a reload (IndexedDB), and a damaged import changes nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

async function trainIris(page, depth) {
  await page.goto(page.url().replace(/#.*$/, '') + '#/train');
  await page.getByRole('heading', { level: 2, name: 'Train' }).waitFor();
  await page.getByLabel('Dataset').selectOption('builtin:iris');
  await page.getByText(/classification \(3 classes/).waitFor();
  await page.getByLabel('Model').selectOption('decision_tree');
  await page.getByLabel('max_depth').fill(String(depth));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  return page.getByRole('status').filter({ hasText: 'Logged as' }).textContent({ timeout: 60000 });
}

const status = (page) => page.locator('#workspace-status');
const workspaceJson = (page) => page.evaluate(async () => JSON.stringify((await window.mlplay.client.call('workspace.state', {})).workspace));

test('a training is logged as a run of IRISExperiment; undo and redo work; a reload restores the workspace', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  const logged = await trainIris(page, 2);
  assert.match(logged, /Logged as run-1 in IRISExperiment on dataset version IRIS:1 \(registered now\)/);
  await status(page).getByText('1 runs · 0 model versions · 1 dataset versions').waitFor();

  // Undo takes back the run (one command), the dataset version stays; redo brings it back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await status(page).getByText(/Undid run\.record/).waitFor();
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.counts.runs), 0);
  await page.locator('body').press('Control+Shift+Z');
  await page.waitForFunction(() => window.mlplay.workspace.state.counts.runs === 1);
  const before = await workspaceJson(page);

  await page.reload();
  await page.evaluate(() => window.mlplay.workspaceReady);
  await status(page).getByText('1 runs · 0 model versions · 1 dataset versions').waitFor();
  assert.equal(await workspaceJson(page), before, 'the reloaded workspace equals the one before the reload');

  await page.getByRole('navigation', { name: 'Life cycle' }).getByRole('link', { name: 'Activity' }).click();
  const log = page.getByRole('table', { name: 'Activity log' });
  await log.getByText('Logged a decision_tree run in IRISExperiment on IRIS:1').waitFor();
  await log.getByText('Registered a version of dataset IRIS (150 rows)').waitFor();
  assert.equal(await log.locator('tbody tr').count(), 2);
  await screenshot(page, 'activity');
  assert.deepEqual(problems, []);
});

test('importing a truncated export shows an error and leaves the workspace unchanged', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await trainIris(page, 3);
  await page.waitForFunction(() => window.mlplay.workspace.state?.counts.runs === 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  assert.match(download.suggestedFilename(), /\.mlplay\.json$/);
  const text = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts));
  assert.ok(JSON.parse(text.toString()).blobs, 'the export carries the artifacts');
  const before = await workspaceJson(page);

  await page.locator('#import-file').setInputFiles({ name: 'cut.mlplay.json', mimeType: 'application/json', buffer: text.subarray(0, text.length >> 1) });
  const alert = page.locator('#workspace-alert');
  await alert.getByText(/Import of cut\.mlplay\.json failed: .*ends early.*Your workspace is unchanged\./).waitFor();
  assert.equal(await workspaceJson(page), before);
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.counts.runs), 1);

  // A file that is not a workspace at all says so.
  await page.locator('#import-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
  await alert.getByText(/not a workspace file/).waitFor();
  assert.equal(await workspaceJson(page), before);
  await screenshot(page, 'import-error');
  // The refused import did not touch what is saved in the browser either.
  await page.reload();
  await page.evaluate(() => window.mlplay.workspaceReady);
  assert.equal(await workspaceJson(page), before);
  assert.deepEqual(problems, []);
});
