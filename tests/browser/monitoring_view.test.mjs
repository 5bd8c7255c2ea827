// Issue 8, must-show 4, in real Chromium as a student does it in the Monitoring view: the
// iris-sudden-shift scenario played in CI/CD mode raises a data_drift alert for the window of the
// shift, the policy retrains, the release promotes the retrained model and IRIS:2 serves; in
// manual mode the alert comes but nothing retrains until "Operator: retrain now".
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

async function start(page, mode) {
  await page.getByRole('heading', { level: 2, name: 'Monitoring' }).waitFor();
  await page.getByLabel('Scenario').selectOption('iris-sudden-shift.json');
  assert.equal(await page.getByLabel(/Intensity of drift 1/).inputValue(), '1.5');
  await page.getByLabel('Mode').selectOption(mode);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('status').filter({ hasText: /^Started iris-sudden-shift/ }).waitFor({ timeout: 60000 });
}

const serving = (page) => page.locator('.mon-serving .mon-model').textContent();

async function stepTo(page, windows) {
  for (let i = 0; i < windows; i++) {
    const before = await page.evaluate(() => window.mlplay.monitoringView.state.next_window);
    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction((n) => window.mlplay.monitoringView.state?.next_window === n + 1, before, { timeout: 30000 });
  }
}

test('CI/CD: the shift on day 5 raises data_drift, the policy retrains, Release-2 promotes IRIS:2', async (t) => {
  const { page, problems, requests, server } = await openPage(t, '#/monitoring');
  await start(page, 'cicd');
  assert.equal(await serving(page), 'IRIS:1');
  await stepTo(page, 3); // windows 0..2 step by step
  await page.getByLabel('Speed').selectOption('150');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('status').filter({ hasText: 'The simulation is done' }).waitFor({ timeout: 120000 });

  const alerts = page.getByRole('table', { name: 'Alerts' });
  const drift = alerts.locator('tr[data-monitor="data_drift"][data-window="5"]');
  await drift.waitFor();
  assert.match(await drift.innerText(), /Data drift: PetalLengthCm, PetalWidthCm drifted/);

  const markers = page.getByRole('list', { name: 'Retraining and release markers' });
  const retrain = markers.locator('li[data-kind="retraining"]').first();
  const text = await retrain.innerText();
  assert.match(text, /retraining of IRIS:2/);
  assert.match(text, /Release-2 succeeded: promoted IRIS:2 to iris-prod/);
  const window = Number(await retrain.getAttribute('data-window'));
  assert.ok(window > 5, `retrained in window ${window}, after the shift`);
  assert.equal(await serving(page), 'IRIS:2');
  const versions = await page.evaluate(() => window.mlplay.monitoringView.state.series.version);
  assert.equal(versions[5], 1);
  assert.equal(versions.at(-1), 2);
  await page.getByRole('figure', { name: 'Model quality over time' }).waitFor();

  // The distribution of PetalLengthCm in the window of the shift against IRIS:1's training data.
  await page.getByLabel('Window', { exact: true }).selectOption('5');
  await page.getByLabel('Column', { exact: true }).selectOption('PetalLengthCm');
  const hist = page.getByRole('figure', { name: 'Distribution of PetalLengthCm: reference against window 5' });
  await hist.waitFor();
  assert.match(await hist.innerText(), /PetalLengthCm: drift\. K-S p-value/);
  await screenshot(page, 'monitoring-cicd');

  await page.getByRole('button', { name: 'Compare the three setups' }).click();
  const cmp = page.getByRole('table', { name: 'The three setups compared' });
  await cmp.waitFor({ timeout: 120000 });
  assert.deepEqual(await cmp.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.mode)), ['manual', 'scheduled', 'cicd']);
  await page.getByRole('figure', { name: /Quality per day .*three setups/ }).waitFor();
  await screenshot(page, 'monitoring-compare');

  // The workspace logged the simulation; the Activity view says so.
  const log = await page.evaluate(() => window.mlplay.workspace.state.workspace.log.map((e) => e.command.type));
  assert.ok(log.includes('simulation.record'), log.join(' '));
  await page.getByRole('navigation', { name: 'Life cycle' }).getByRole('link', { name: 'Activity', exact: true }).click();
  await page.getByRole('table', { name: 'Activity log' }).getByText(/^Recorded a cicd simulation of iris-sudden-shift \(seed 7, 20 windows\): 10 alerts, 1 retrainings, 1 promotions$/).waitFor();
  assert.ok(requests.every((u) => u.startsWith(server.url)), 'no network beyond the page');
  assert.deepEqual(problems, []);
});

test('manual: the alert comes, nothing retrains until the operator does', async (t) => {
  const { page, problems } = await openPage(t, '#/monitoring');
  await start(page, 'manual');
  await stepTo(page, 8);
  await page.getByRole('table', { name: 'Alerts' }).locator('tr[data-monitor="data_drift"][data-window="5"]').waitFor();
  assert.equal(await page.getByRole('list', { name: 'Retraining and release markers' }).count(), 0);
  assert.equal(await serving(page), 'IRIS:1');
  await page.getByRole('button', { name: 'Operator: retrain now' }).click();
  await page.getByRole('status').filter({ hasText: /^Operator retraining: succeeded IRIS:2, promoted/ }).waitFor({ timeout: 60000 });
  const marker = page.getByRole('list', { name: 'Retraining and release markers' }).locator('li[data-kind="retraining"]');
  assert.match(await marker.innerText(), /by manual|trigger: manual/);
  await stepTo(page, 1);
  assert.equal(await serving(page), 'IRIS:2');
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('status').filter({ hasText: /^Stopped after 9 window/ }).waitFor();
  assert.deepEqual(problems, []);
});

test('the three setups compared on a fresh workspace: CI/CD recovers first, manual never', async (t) => {
  const { page, problems } = await openPage(t, '#/monitoring');
  await page.getByLabel('Scenario').selectOption('iris-sudden-shift.json');
  await page.getByRole('button', { name: 'Compare the three setups' }).click();
  const cmp = page.getByRole('table', { name: 'The three setups compared' });
  await cmp.waitFor({ timeout: 120000 });
  const rows = await cmp.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => [r[0], r[1], r[3], r[4], r[5]]), [
    ['Manual (manual)', '0.966', 'never', '0', '0'],
    ['Continuous model delivery (scheduled)', '0.966', '5 day(s)', '2', '1'],
    ['CI/CD of pipelines (cicd)', '0.966', '2 day(s)', '1', '1'],
  ]);
  // The comparison ran on copies: this workspace still has no model.
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.workspace.log.length), 0);
  assert.deepEqual(problems, []);
});
