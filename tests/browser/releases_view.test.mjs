// Issue 7's release flow in real Chromium, as a student does it in the Releases view: with IRIS:1
// and IRIS:2 trained for real and registered, a release of IRIS:1 deploys to UAT, passes the smoke
// test, waits for approval, is approved by the Approver and reaches PROD; a release of IRIS:2 with
// the deploy_missing_file toggle fails at UAT (FileNotFoundError in its log) and PROD is not
// deployed; the release history shows both. A rejected approval keeps PROD as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';
import { nav, registerRun as register, trainIris as train } from './flows.mjs';

// IRIS:1 (max_depth 3) and IRIS:2 (max_depth 2): both answer the tutorial's payload with "1".
async function twoVersions(page) {
  await train(page, 3, 'run-1');
  await train(page, 2, 'run-2');
  assert.equal(await register(page, 'run-1'), 'IRIS:1');
  assert.equal(await register(page, 'run-2'), 'IRIS:2');
}

async function startRelease(page, ref, failures = []) {
  const form = page.getByRole('form', { name: 'New release' });
  await form.getByLabel('Model version').selectOption(ref);
  await form.getByRole('list', { name: 'Release pipeline' }).getByText('→ endpoint iris-uat').waitFor();
  for (const f of failures) await form.getByRole('checkbox', { name: new RegExp(f) }).check();
  const before = await page.evaluate(() => window.mlplay.workspace.state.workspace.releases?.releases.length ?? 0);
  await form.getByRole('button', { name: 'Start release' }).click();
  await page.getByRole('table', { name: 'Release history' }).locator(`tr[data-release="${before + 1}"]`).waitFor();
  return before + 1;
}

// {UAT: 'succeeded', PROD: 'waiting for approval', status, artifact, by} as the history row shows it.
async function historyRow(page, n) {
  const row = page.getByRole('table', { name: 'Release history' }).locator(`tr[data-release="${n}"]`);
  return row.evaluate((tr) => {
    const word = (cell) => cell?.querySelector('.rstatus')?.lastChild.textContent.trim() ?? '';
    const cells = [...tr.children];
    const out = { name: cells[0].textContent, artifact: cells[1].textContent, by: cells.at(-1).textContent,
      created: cells.at(-2).textContent, status: word(cells.at(-3)) };
    for (const td of tr.querySelectorAll('td[data-stage]')) out[td.dataset.stage] = word(td);
    return out;
  });
}

const stageBox = (page, stage, release) => page.getByRole('region', { name: `${stage} of Release-${release}` });

test('IRIS:1 passes UAT, is approved by the Approver and reaches PROD; IRIS:2 with deploy_missing_file fails at UAT and PROD is not deployed', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await twoVersions(page);
  await nav(page, 'Releases');
  await page.getByRole('heading', { level: 2, name: 'Releases' }).waitFor();
  // The pipeline the core defines: UAT with the tutorial's smoke test, PROD behind an approval.
  const pipeline = page.getByRole('form', { name: 'New release' }).getByRole('list', { name: 'Release pipeline' });
  await pipeline.getByText('Pre-deployment approval by Approver, then deploy.').waitFor();
  assert.match(await pipeline.innerText(), /SepalLengthCm[\s\S]*predicted_species/);
  assert.match(await page.getByRole('form', { name: 'New release' }).innerText(), /reads the features in reverse order/);

  assert.equal(await startRelease(page, 'IRIS:1'), 1);
  const first = await historyRow(page, 1);
  assert.match(first.created, /^day 1, \d\d:\d\d/);
  assert.deepEqual({ ...first, created: undefined }, { name: 'Release-1', artifact: 'IRIS:1', by: 'Data Scientist', created: undefined,
    status: 'waiting for approval', UAT: 'succeeded', PROD: 'waiting for approval' });
  const uat = stageBox(page, 'UAT', 1);
  const smoke = uat.getByRole('region', { name: 'Smoke test of UAT' });
  assert.match(await smoke.innerText(), /Response: 200, application\/json[\s\S]*"predicted_species": "1"/);
  await uat.getByText('Log of UAT (').click(); // the log is expandable
  assert.match(await uat.getByLabel('Log of UAT', { exact: true }).innerText(), /day 1, \d\d:\d\d.*Smoke test passed/);
  const approval = page.getByRole('form', { name: 'Approval of PROD for Release-1' });
  assert.match(await approval.innerText(), /You are acting as Data Scientist \(the pipeline asks for Approver/);
  await screenshot(page, 'releases-waiting');

  await page.getByLabel('Acting as').selectOption('Approver');
  await approval.getByText('You are acting as Approver.').waitFor();
  await approval.getByLabel('Comment').fill('UAT looks good');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('table', { name: 'Release history' }).locator('tr[data-release="1"] td[data-stage="PROD"]').getByText('succeeded').waitFor();
  const prod = stageBox(page, 'PROD', 1);
  assert.match(await prod.innerText(), /Approved by Approver at day 1, [\d:]+: “UAT looks good”/);
  assert.deepEqual(await page.evaluate(() => window.mlplay.workspace.state.workspace.endpoints.endpoints.map((e) => [e.name, e.version])),
    [['iris-prod', 1], ['iris-uat', 1]]);

  assert.equal(await startRelease(page, 'IRIS:2', ['deploy_missing_file']), 2);
  const failed = stageBox(page, 'UAT', 2);
  await failed.getByText(/FileNotFoundError: \[Errno 2\] No such file or directory/).waitFor(); // the failed stage's log is open
  assert.match(await stageBox(page, 'PROD', 2).innerText(), /not deployed/);
  const one = await historyRow(page, 1);
  const two = await historyRow(page, 2);
  assert.deepEqual([one.status, one.UAT, one.PROD, one.by], ['succeeded', 'succeeded', 'succeeded', 'Data Scientist']);
  assert.deepEqual([two.name, two.artifact, two.status, two.UAT, two.PROD, two.by], ['Release-2', 'IRIS:2', 'failed', 'failed', 'not deployed', 'Approver']);
  // Newest first, as in the tutorial's release list.
  assert.deepEqual(await page.getByRole('table', { name: 'Release history' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.release)), ['2', '1']);
  // The failed release changed no endpoint.
  assert.deepEqual(await page.evaluate(() => window.mlplay.workspace.state.workspace.endpoints.endpoints.map((e) => [e.name, e.version])),
    [['iris-prod', 1], ['iris-uat', 1]]);
  await screenshot(page, 'releases-history');

  // The history is part of the workspace: a reload brings it back from IndexedDB.
  await page.reload();
  await page.getByRole('table', { name: 'Release history' }).locator('tr[data-release="2"]').waitFor();
  assert.deepEqual((await historyRow(page, 2)).UAT, 'failed');
  assert.deepEqual((await historyRow(page, 1)).PROD, 'succeeded');
  assert.deepEqual(problems, []);
});

test('a rejected approval keeps PROD as it was', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await twoVersions(page);
  await nav(page, 'Releases');
  await page.getByLabel('Acting as').selectOption('Approver');
  await startRelease(page, 'IRIS:1');
  await page.getByRole('form', { name: 'Approval of PROD for Release-1' }).getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('table', { name: 'Release history' }).locator('tr[data-release="1"] td[data-stage="PROD"]').getByText('succeeded').waitFor();

  assert.equal(await startRelease(page, 'IRIS:2'), 2);
  const approval = page.getByRole('form', { name: 'Approval of PROD for Release-2' });
  await approval.getByLabel('Comment').fill('not this week');
  await approval.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('table', { name: 'Release history' }).locator('tr[data-release="2"] td[data-stage="PROD"]').getByText('rejected').waitFor();
  const two = await historyRow(page, 2);
  assert.deepEqual([two.status, two.UAT, two.PROD], ['rejected', 'succeeded', 'rejected']);
  assert.match(await stageBox(page, 'PROD', 2).innerText(), /Rejected by Approver at day 1, [\d:]+: “not this week”/);
  await screenshot(page, 'releases-rejected');
  // PROD still serves IRIS:1; UAT has IRIS:2 from the second release.
  await nav(page, 'Endpoints');
  const prod = page.getByRole('region', { name: 'iris-prod' });
  await prod.getByRole('table', { name: 'Deployment history of iris-prod' }).waitFor();
  assert.match(await prod.innerText(), /Model version\s+IRIS:1/);
  assert.match(await page.getByRole('region', { name: 'iris-uat' }).innerText(), /Model version\s+IRIS:2/);
  assert.deepEqual(await prod.getByRole('table', { name: 'Deployment history of iris-prod' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.split('\t').slice(1))),
    [['deploy', 'IRIS:1', 'Approver', 'Release-1']]);
  assert.deepEqual(problems, []);
});
