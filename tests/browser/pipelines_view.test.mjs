// Issue 7 in real Chromium, the Pipelines view as a class uses it: the default IRIS build pipeline
// runs in the page, its 8 steps show in order and succeed, its record equals the one `mlplay
// pipeline run` makes headless, and the IRIS:1 it registers is in the Models view with its
// lineage; a YAML error and an undefined $(ml.nope) name their lines; the compute_quota toggle
// fails "Create/use compute" with QuotaExceeded and skips the rest; a saved pipeline on a daily
// schedule runs when the simulated clock moves a day; a cancelled run records nothing.
// MLPLAY_CLI picks another mlplay than build/native/mlplay.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { openPage, screenshot } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const MLPLAY = process.env.MLPLAY_CLI || `${ROOT}build/native/mlplay`;

// The same spec run headless by mlplay, as the page's role asks for it.
function nativeRun(spec, actor) {
  mkdirSync(`${ROOT}build/tmp-browser-tests`, { recursive: true });
  const ws = `${ROOT}build/tmp-browser-tests/pipelines-view.mlplay.json`;
  rmSync(ws, { force: true });
  const r = spawnSync(MLPLAY, ['pipeline', 'run', `${ROOT}pipelines/${spec}`, '--workspace', ws, '--as', actor, '--json']);
  assert.equal(r.status, 0, String(r.stderr));
  return JSON.parse(r.stdout).run;
}

const STEPS = ['Install dependencies', 'Create/use workspace', 'Create/use compute', 'Upload data',
  'Create metadata folder', 'Train', 'Register model', 'Publish pipeline artifact'];

const nav = (page, name) => page.getByRole('navigation', { name: 'Life cycle' }).getByRole('link', { name, exact: true }).click();

async function openPipelines(t) {
  const opened = await openPage(t, '#/pipelines');
  await opened.page.getByRole('heading', { level: 2, name: 'Pipelines' }).waitFor();
  await opened.page.getByRole('status').filter({ hasText: 'The spec checks' }).waitFor();
  return opened;
}

// The run as shown once its replay is over: [{name, status, text}] per step.
async function finishedRun(page, id, status) {
  const run = page.getByRole('region', { name: `Pipeline run ${id}` });
  await run.getByText(new RegExp(`^${id.replace('#', '\\#')} ${status} in `)).waitFor({ timeout: 60000 });
  const steps = await run.getByRole('list', { name: 'Steps of Train_and_register' }).locator(':scope > li').evaluateAll((lis) => lis.map((li) => ({
    name: li.querySelector('.pstep-name').textContent,
    status: li.dataset.status,
    shown: li.querySelector('.pstep-status').textContent.trim(),
    text: li.innerText,
  })));
  return { run, steps };
}

test('the default IRIS build pipeline runs in the page: 8 steps in order succeed, IRIS:1 is registered with its lineage', async (t) => {
  const { page, problems, requests } = await openPipelines(t);
  assert.equal(await page.getByLabel('Pipeline spec').inputValue(), 'iris-build.yml');
  assert.match(await page.getByLabel('Spec (YAML)').inputValue(), /^name: iris-build$/m);
  // The variable library holds IRISBuildVG, loaded from its file into the workspace.
  const group = page.getByRole('form', { name: 'Variable group IRISBuildVG' });
  assert.equal(await group.getByLabel('Value of ml.computeVMSize').inputValue(), 'STANDARD_DS2_V2');
  assert.equal(await page.getByLabel('data_validation').isDisabled(), true);

  await page.getByRole('button', { name: 'Run pipeline' }).click();
  const { run, steps } = await finishedRun(page, 'iris-build#1', 'succeeded');
  assert.deepEqual(steps.map((s) => s.name), STEPS);
  assert.deepEqual(steps.map((s) => s.status), STEPS.map(() => 'succeeded'));
  assert.ok(steps.every((s) => /✓ succeeded/.test(s.shown)), 'the status is a word, not only a colour');
  assert.ok(steps.every((s) => /started \d\d:\d\d:\d\d \(\+.*\), took \d+ (s|min)/.test(s.text)), steps.map((s) => s.text).join('\n'));

  // The same record as mlplay makes headless: steps, times, logs, outputs, cost.
  const inPage = await page.evaluate(async () => (await window.mlplay.client.call('pipeline.runs', {})).runs[0]);
  assert.deepEqual(inPage, nativeRun('iris-build.yml', 'Data Scientist'));
  // A step's CI-style log, timestamped.
  await run.getByText('Log of Train (').click();
  assert.match(await run.locator('li.pstep[data-kind="train"] pre.ci-log').innerText(), /^\[\d\d:\d\d:\d\d\] ##\[section\]Starting: Train$/m);
  // The cost meter: a burst node of the cluster's VM size, billed through its idle time.
  const cost = run.getByRole('table', { name: 'Cost meter of iris-build#1' });
  assert.match(await cost.locator('tbody tr').first().innerText(), /iriscompute\s+STANDARD_DS2_V2\s+1\s+burst/);
  assert.match(await cost.locator('.cost-total').innerText(), /^0\.0\d+ USD$/);
  assert.match(await run.getByRole('list', { name: 'Compute clusters' }).innerText(), /min 0 and max 1 node; .*stay up 5 min after/);
  // The past runs list has it, and reopening it from there shows the same run.
  const history = page.getByRole('table', { name: 'Pipeline runs' });
  assert.match(await history.getByRole('row', { name: /iris-build#1/ }).innerText(), /manual\s+✓ succeeded/);
  await screenshot(page, 'pipelines-iris-build');

  // What it registered: IRIS:1 in the Models view, from the pipeline's training run, with its lineage.
  await run.getByRole('link', { name: 'lineage of IRIS:1' }).click();
  const chain = page.getByRole('list', { name: 'Lineage of IRIS:1' });
  await chain.waitFor();
  assert.match(await chain.innerText(), /Dataset version\s+IRIS:1[\s\S]*Run\s+run-1[\s\S]*Model version\s+IRIS:1/i);  // the kinds are in capitals on screen
  const lineage = await page.evaluate(() => window.mlplay.client.call('lineage.model', { name: 'IRIS', version: 1 }));
  assert.equal(lineage.pipeline_run.id, 'iris-build#1');
  assert.deepEqual([lineage.dataset.name, lineage.dataset.version, lineage.run.id], ['IRIS', 1, 'run-1']);
  await nav(page, 'Models');
  const card = page.getByRole('article', { name: 'IRIS:1' });
  await card.waitFor();
  assert.match(await card.innerText(), /Run\s+run-1[\s\S]*Dataset\s+IRIS:1/);

  // Back to the run through its link, after a reload: the workspace comes back from IndexedDB.
  await page.goto(page.url().replace(/#.*$/, '#/pipelines/run/iris-build%231'));
  await page.reload();
  const again = await finishedRun(page, 'iris-build#1', 'succeeded');
  assert.deepEqual(again.steps.map((s) => [s.name, s.status]), steps.map((s) => [s.name, s.status]));
  assert.ok(requests.every((u) => u.startsWith('http://127.0.0.1:') || u.startsWith('data:')), requests.join('\n'));
  assert.deepEqual(problems, []);
});

test('a YAML error names its line; an undefined $(ml.nope) names the step and its line, and a click puts the caret there', async (t) => {
  const { page, problems } = await openPipelines(t);
  const area = page.getByLabel('Spec (YAML)');
  const original = await area.inputValue();
  const lines = original.split('\n');
  const at = lines.findIndex((l) => l.includes('kind: create_folder'));
  await area.fill([...lines.slice(0, at), '            kind: [create_folder', ...lines.slice(at + 1)].join('\n'));
  await page.getByRole('button', { name: 'Check spec' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The spec is not valid YAML' });
  await alert.waitFor();
  const yamlProblem = page.getByRole('list', { name: 'Problems in the spec' }).getByRole('button').first();
  assert.match(await yamlProblem.innerText(), new RegExp(`^line ${at + 2}, column \\d+: The spec is not valid YAML`));

  await area.fill(original.replace('name: $(ml.computeName)', 'name: $(ml.nope)'));
  await page.getByRole('button', { name: 'Check spec' }).click();
  await page.getByRole('alert').filter({ hasText: 'The spec has 1 problem' }).waitFor();
  const nope = original.split('\n').findIndex((l) => l.includes('name: $(ml.computeName)')) + 1;
  const problem = page.getByRole('list', { name: 'Problems in the spec' }).getByRole('button');
  assert.match(await problem.innerText(), new RegExp(`^line ${nope}, column 21: Step 'Create/use compute' uses \\$\\(ml\\.nope\\)`));
  await problem.click();
  const caret = await area.evaluate((a) => ({ line: a.value.slice(0, a.selectionStart).split('\n').length, focused: document.activeElement === a }));
  assert.deepEqual(caret, { line: nope, focused: true });
  await screenshot(page, 'pipelines-undefined-variable');

  // A run checks the spec first: nothing runs, nothing is recorded.
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await page.getByRole('alert').filter({ hasText: 'The spec does not check' }).waitFor();
  assert.equal(await page.evaluate(async () => (await window.mlplay.client.call('pipeline.runs', {})).runs.length), 0);
  assert.deepEqual(problems, []);
});

test('the compute_quota toggle fails "Create/use compute" with QuotaExceeded and the later steps show as skipped', async (t) => {
  const { page, problems } = await openPipelines(t);
  await page.getByLabel('compute_quota').check();
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  const { run, steps } = await finishedRun(page, 'iris-build#1', 'failed');
  assert.deepEqual(steps.map((s) => s.name), STEPS);
  assert.deepEqual(steps.map((s) => s.status), ['succeeded', 'succeeded', 'failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
  assert.match(steps[2].shown, /✗ failed/);
  assert.match(steps[2].text, /QuotaExceeded: .*\[pipeline\.quota_exceeded\]/);
  assert.ok(steps.slice(3).every((s) => /⊘ skipped/.test(s.shown) && /did not run/.test(s.text)));
  assert.match(await run.locator('.run-failure').innerText(), /^Failed at step "Create\/use compute": QuotaExceeded/);
  assert.match(await run.getByText('Compute cost of this run').innerText(), /0 USD/);
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.workspace.models.models.length), 0);
  await screenshot(page, 'pipelines-compute-quota');
  // The gated pipeline has a step for every toggle.
  await page.getByLabel('Pipeline spec').selectOption('iris-build-gated.yml');
  await page.getByRole('status').filter({ hasText: 'The spec checks: pipeline iris-build-gated' }).waitFor();
  for (const toggle of ['compute_quota', 'data_validation', 'quality_gate_miss']) assert.equal(await page.getByLabel(toggle).isEnabled(), true, toggle);
  assert.deepEqual(problems, []);
});

test('a pipeline saved with a daily schedule runs when the simulated clock is advanced by a day', async (t) => {
  const { page, problems } = await openPipelines(t);
  await page.getByLabel('Trigger', { exact: true }).selectOption('schedule');
  await page.getByRole('button', { name: 'Save pipeline with this trigger' }).click();
  const saved = page.getByRole('list', { name: 'Saved pipelines' });
  await saved.getByText('iris-build').waitFor();
  assert.match(await saved.innerText(), /runs on: schedule, every 24 h/);
  await page.getByRole('button', { name: 'Advance the simulated clock by a day' }).click();
  const ran = page.getByRole('list', { name: 'What ran' });
  await ran.waitFor();
  assert.match(await ran.innerText(), /^iris-build#1 \(schedule \(due .*\)\)\s+✓ succeeded, cost 0\.0\d+ USD$/);
  assert.match(await page.getByRole('table', { name: 'Pipeline runs' }).getByRole('row', { name: /iris-build#1/ }).innerText(), /schedule/);
  await ran.getByRole('link', { name: 'iris-build#1' }).click();
  await finishedRun(page, 'iris-build#1', 'succeeded');
  // A second day: the schedule runs again.
  await page.getByRole('button', { name: 'Advance the simulated clock by a day' }).click();
  await page.getByRole('list', { name: 'What ran' }).getByRole('link', { name: 'iris-build#2' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a run cancelled while its data loads records nothing, and the next run is iris-build#1', async (t) => {
  const { page, problems } = await openPipelines(t);
  const outcome = await page.evaluate(async () => {
    const { parseSpecText } = await import('./pipeline_yaml.mjs');
    const { spec, lines } = parseSpecText(await (await fetch('pipelines/iris-build.yml')).text());
    const client = window.mlplay.client;
    const controller = new AbortController();
    const run = client.call('pipeline.with_sources', { command: 'pipeline.run', args: { spec, lines }, sources: ['iris'] }, { signal: controller.signal });
    controller.abort();
    const code = await run.then(() => 'ran', (err) => err.code);
    await new Promise((resolve) => { setTimeout(resolve, 1000); });  // the worker has seen the cancel by now
    return { code, runs: (await client.call('pipeline.runs', {})).runs.length };
  });
  assert.deepEqual(outcome, { code: 'core.cancelled', runs: 0 });
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await finishedRun(page, 'iris-build#1', 'succeeded');
  assert.deepEqual(problems, []);
});
