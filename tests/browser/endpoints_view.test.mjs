// Issue 7's endpoints in real Chromium: after a release reaches PROD, fetch('endpoints/iris-prod/
// score') from the page is answered by the Service Worker like a real scoring service (200 with
// the tutorial's answer, 400 naming the field, 415 without a content type, 404 for an unknown
// endpoint); the Endpoints view's console shows the same answer with a latency; batch scoring of
// datasets/iris.csv downloads a predictions CSV of 150 rows; the request log lists the requests.
// Without a Service Worker the view still scores through the core, and under a sub-path the
// endpoint URLs live under that sub-path.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { WEB_ROOT, openPage, screenshot, startServer } from './harness.mjs';
import { nav, registerRun, trainIris } from './flows.mjs';

const IRIS_CSV = new URL('../../datasets/iris.csv', import.meta.url).pathname;
const TUTORIAL = { SepalLengthCm: 6.6, SepalWidthCm: 3, PetalLengthCm: 4.4, PetalWidthCm: 1.4 };
async function trainAndRegister(page, n = 1, depth = 3) {
  await trainIris(page, depth, `run-${n}`);
  assert.equal(await registerRun(page, `run-${n}`), `IRIS:${n}`);
}

async function releaseToProd(page) {
  await nav(page, 'Releases');
  const form = page.getByRole('form', { name: 'New release' });
  await form.getByLabel('Model version').selectOption('IRIS:1');
  await form.getByRole('button', { name: 'Start release' }).click();
  await page.getByLabel('Acting as').selectOption('Approver');
  const approval = page.getByRole('form', { name: 'Approval of PROD for Release-1' });
  await approval.getByText('You are acting as Approver.').waitFor();
  await approval.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('table', { name: 'Release history' }).locator('tr[data-release="1"] td[data-stage="PROD"]').getByText('succeeded').waitFor();
}

// fetch() from the page, as any script of this origin would call the endpoint.
function call(page, url, init) {
  return page.evaluate(async ({ url, init, blob }) => {
    if (blob) init.body = new Blob([blob]); // a body with no Content-Type at all
    const r = await fetch(url, init);
    const text = await r.text();
    let body = text;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, type: r.headers.get('content-type'), version: r.headers.get('x-model-version'), body };
  }, { url, init: { ...init, blob: undefined }, blob: init.blob });
}

const post = (body, type = 'application/json') => ({ method: 'POST', headers: type ? { 'Content-Type': type } : {}, body });
const responseFact = async (page, name) => (await page.getByRole('region', { name: 'Response' }).locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('+ dd').textContent()).trim();

test('a release in PROD answers fetch(endpoints/iris-prod/score) through the Service Worker; the console, batch scoring and the request log', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await trainAndRegister(page);
  await releaseToProd(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Exactly the call.
  const ok = await page.evaluate(() => fetch('endpoints/iris-prod/score', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ SepalLengthCm: 6.6, SepalWidthCm: 3, PetalLengthCm: 4.4, PetalWidthCm: 1.4 }) })
    .then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.json() })));
  assert.deepEqual(ok, { status: 200, type: 'application/json', body: { output: { predicted_species: '1' } } });

  const { PetalWidthCm, ...missing } = TUTORIAL;
  const bad = await call(page, 'endpoints/iris-prod/score', post(JSON.stringify(missing)));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error_code, 'BAD_REQUEST');
  assert.equal(bad.body.field, 'PetalWidthCm');
  assert.match(bad.body.message, /PetalWidthCm/);
  const untyped = await call(page, 'endpoints/iris-prod/score', { method: 'POST', blob: JSON.stringify(TUTORIAL) });
  assert.equal(untyped.status, 415);
  assert.equal(untyped.body.error_code, 'UNSUPPORTED_MEDIA_TYPE');
  const unknown = await call(page, 'endpoints/no-such-endpoint/score', post(JSON.stringify(TUTORIAL)));
  assert.deepEqual([unknown.status, unknown.type, unknown.body.error_code, unknown.body.code], [404, 'application/json', 'NOT_FOUND', 'endpoint.unknown']);
  assert.deepEqual(await call(page, 'endpoints/iris-prod/ping', { method: 'GET' }).then((r) => [r.status, r.body]), [200, { status: 'ok' }]);
  const mlflow = await call(page, 'endpoints/iris-prod/invocations', post(JSON.stringify({ dataframe_split: { columns: Object.keys(TUTORIAL), data: [Object.values(TUTORIAL)] } })));
  assert.deepEqual([mlflow.status, mlflow.body, mlflow.version], [200, { predictions: [1] }, 'IRIS:1']);

  // The view: the endpoint, its URL live in this page, the console's answer and latency.
  await nav(page, 'Endpoints');
  const card = page.getByRole('region', { name: 'iris-prod' });
  await card.getByText('(live in this page)').waitFor();
  assert.match(await card.innerText(), /Model version\s+IRIS:1[\s\S]*Stage\s+PROD[\s\S]*\/endpoints\/iris-prod\/score/);
  assert.match(await page.locator('.endpoints-live').innerText(), /In-page endpoint URLs are live/);
  const consoleForm = page.getByRole('form', { name: 'Request console' });
  assert.equal(await consoleForm.getByLabel('Endpoint', { exact: true }).inputValue(), 'iris-prod');
  assert.deepEqual(JSON.parse(await consoleForm.getByLabel('Body').inputValue()), TUTORIAL);
  await consoleForm.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Response' }).getByText('Latency').waitFor();
  assert.equal(await responseFact(page, 'Status'), '200');
  assert.equal(await responseFact(page, 'Content type'), 'application/json');
  assert.match(await responseFact(page, 'Latency'), /^\d+\.\d ms/);
  assert.match(await responseFact(page, 'Answered by'), /^IRIS:1 /);
  assert.deepEqual(JSON.parse(await page.getByLabel('Response body').textContent()), { output: { predicted_species: '1' } });

  // No content type: the 415, in the console too; then the same request through the URL.
  await consoleForm.getByLabel('Content type').selectOption({ label: '(none)' });
  await consoleForm.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Response' }).locator('dd', { hasText: /^415$/ }).waitFor();
  await consoleForm.getByLabel('Content type').selectOption('application/json');
  await consoleForm.getByLabel('Send through').selectOption('url');
  await consoleForm.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Response' }).getByText('IRIS:1 (X-Model-Version)').waitFor();
  assert.equal(await responseFact(page, 'Status'), '200');

  // The features form from the model's schema: one typed input per feature; an empty one is left
  // out, so the endpoint's 400 names it.
  const features = page.getByRole('form', { name: 'Features form' });
  await features.getByText('Features of IRIS:1').waitFor();
  for (const name of Object.keys(TUTORIAL)) assert.equal(await features.getByLabel(name, { exact: true }).getAttribute('type'), 'number');
  assert.equal(await features.getByLabel('PetalLengthCm', { exact: true }).inputValue(), '4.4');
  await features.getByLabel('PetalWidthCm', { exact: true }).fill('');
  await features.getByRole('button', { name: 'Build /score body' }).click();
  assert.deepEqual(JSON.parse(await consoleForm.getByLabel('Body').inputValue()), missing);
  await consoleForm.getByLabel('Send through').selectOption('core');
  await consoleForm.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'Response' }).locator('dd', { hasText: /^400$/ }).waitFor();
  assert.match(await page.getByLabel('Response body').textContent(), /"field": "PetalWidthCm"/);
  await screenshot(page, 'endpoints-console');

  // Batch scoring of the Iris CSV: 150 rows scored, the predictions as a CSV download.
  const batch = page.getByRole('form', { name: 'Batch scoring' });
  await batch.getByLabel('CSV file').setInputFiles(IRIS_CSV);
  await batch.getByRole('button', { name: 'Score file' }).click();
  await batch.getByText(/^Scored 150 rows of iris\.csv at iris-prod with IRIS:1/).waitFor();
  assert.match(await batch.innerText(), /Ignored columns: Species/);
  const [download] = await Promise.all([page.waitForEvent('download'), batch.getByRole('link', { name: /Download predictions \(150 rows/ }).click()]);
  assert.equal(download.suggestedFilename(), 'iris-predictions.csv');
  const lines = Buffer.concat(await (await download.createReadStream()).toArray()).toString().trim().split('\n');
  const input = readFileSync(IRIS_CSV, 'utf8').trim().split('\n');
  assert.equal(lines.length, 151);
  assert.equal(lines[0], `${input[0]},prediction`);
  for (let i = 1; i < lines.length; i++) assert.ok(lines[i].startsWith(`${input[i]},`), `row ${i} keeps its input`);
  const correct = lines.slice(1).filter((l) => l.split(',')[4] === l.split(',')[5]).length;
  assert.ok(correct >= 140, `${correct} of 150 predictions match the Species column`);

  // The request log: newest first, with the fetches through the Service Worker and the console's.
  const log = page.getByRole('table', { name: 'Recent requests' });
  await log.locator('tbody tr').first().getByText('/invocations').waitFor();
  const rows = await log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const seen = rows.map((r) => `${r[1]} ${r[4]} ${r[5]}`);
  assert.deepEqual(seen.slice(0, 5), ['iris-prod /invocations 200', 'iris-prod /score 400', 'iris-prod /score 200', 'iris-prod /score 415', 'iris-prod /score 200']);
  assert.ok(seen.includes('iris-prod /ping 200'));
  assert.ok(seen.filter((s) => s === 'iris-prod /score 400').length >= 2, 'the fetch with a bad body and the console\'s');
  await screenshot(page, 'endpoints-view');
  // The browser logs each 4xx answer it got; those were asked for.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|404|415)/.test(p)), []);
});

test('the endpoints work without a Service Worker (the console calls the core) and live under a sub-path with one', async (t) => {
  // The built page copied under /playground/ of a site (serve.py refuses symlinks out of its root).
  const site = mkdtempSync(path.join(tmpdir(), 'mlplay-site-'));
  cpSync(WEB_ROOT, path.join(site, 'playground'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>A site</title><a href="playground/">MLOps Playground</a>');
  const server = await startServer({ root: site });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  t.after(async () => { await browser.close(); server.stop(); rmSync(site, { recursive: true, force: true }); });
  const sub = `${server.url}playground/`;

  for (const serviceWorkers of ['none', 'allow']) {
    const context = await browser.newContext();
    // A browser without Service Workers, as on file:// or an insecure origin.
    if (serviceWorkers === 'none') await context.addInitScript(() => { delete Navigator.prototype.serviceWorker; });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 501/.test(m.text())) problems.push(m.text()); });
    await page.goto(`${sub}#/train`);
    await trainAndRegister(page);
    // A model version deployed directly, without a release.
    await nav(page, 'Endpoints');
    await page.getByText('Deploy a model version without a release').click();
    const deploy = page.getByRole('form', { name: 'Deploy a model version' });
    await deploy.getByLabel('Endpoint name').fill('iris-prod');
    await deploy.getByLabel('Stage').fill('PROD');
    await deploy.getByRole('button', { name: 'Deploy to endpoint' }).click();
    const card = page.getByRole('region', { name: 'iris-prod' });
    await card.waitFor();
    await page.getByRole('form', { name: 'Request console' }).getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('Latency').waitFor();
    assert.equal(await responseFact(page, 'Status'), '200');
    if (serviceWorkers === 'none') {
      assert.match(await page.locator('.endpoints-live').innerText(), /not live/);
      assert.match(await card.innerText(), /not live: the console calls the core directly/);
      assert.equal(await page.getByRole('form', { name: 'Request console' }).locator('option[value="url"]').isDisabled(), true);
    } else {
      await card.getByText('(live in this page)').waitFor();
      assert.match(await card.innerText(), new RegExp(`${sub.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}endpoints/iris-prod/score`));
      const r = await call(page, `${sub}endpoints/iris-prod/score`, post(JSON.stringify(TUTORIAL)));
      assert.deepEqual([r.status, r.body], [200, { output: { predicted_species: '1' } }]);
      // Outside the page's sub-path the Service Worker does not answer: the site's own server does
      // (serve.py takes no POST: 501), and no model version is named.
      const outside = await call(page, `${server.url}endpoints/iris-prod/score`, post(JSON.stringify(TUTORIAL)));
      assert.deepEqual([outside.status >= 400, outside.version], [true, null]);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('an endpoint is redeployed, rolled back and given a seeded canary from its card; the history and the request log show it', async (t) => {
  const { page, problems } = await openPage(t, '#/train');
  await trainAndRegister(page, 1, 3);
  await trainAndRegister(page, 2, 2);
  await nav(page, 'Endpoints');
  await page.getByText('Deploy a model version without a release').click();
  const deploy = page.getByRole('form', { name: 'Deploy a model version' });
  await deploy.getByLabel('Endpoint name').fill('iris-prod');
  await deploy.getByLabel('Model version').selectOption('IRIS:1');
  await deploy.getByLabel('Stage').fill('PROD');
  await deploy.getByRole('button', { name: 'Deploy to endpoint' }).click();
  const card = page.getByRole('region', { name: 'iris-prod' });
  const version = async () => (await card.locator('dt', { hasText: /^Model version$/ }).locator('+ dd').textContent()).trim();
  await card.waitFor();
  assert.equal(await version(), 'IRIS:1');

  await card.getByRole('form', { name: 'Redeploy iris-prod' }).getByLabel('Version to deploy').selectOption('2');
  await card.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.getByRole('status').getByText('Deployed IRIS:2 to iris-prod.').waitFor();
  assert.equal(await version(), 'IRIS:2');
  await card.getByRole('button', { name: 'Roll back' }).click();
  await page.getByRole('status').getByText('Rolled back iris-prod.').waitFor();
  assert.equal(await version(), 'IRIS:1');

  const canary = card.getByRole('form', { name: 'Canary of iris-prod' });
  await canary.getByLabel('Canary version').selectOption('2');
  await canary.getByLabel('Percent').fill('50');
  await canary.getByLabel('Seed').fill('3');
  await canary.getByRole('button', { name: 'Set canary' }).click();
  await card.getByText('IRIS:2 answers 50% of the requests (seed 3)').waitFor();
  // Twenty pings: the seeded canary sends some of them to IRIS:2, and the log says which.
  for (let i = 0; i < 20; i++) await page.evaluate(() => window.mlplay.client.call('endpoint.score', { endpoint: 'iris-prod', method: 'GET', path: '/ping' }));
  await page.getByRole('button', { name: 'Refresh requests' }).click();
  const log = page.getByRole('table', { name: 'Recent requests' });
  await log.locator('tbody tr').nth(19).waitFor();
  const versions = await log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[2].textContent));
  assert.ok(versions.includes('IRIS:1') && versions.includes('IRIS:2'), versions.join(' '));
  await card.getByRole('button', { name: 'Remove canary' }).click();
  await page.getByRole('status').getByText('Removed the canary of iris-prod.').waitFor();
  assert.match(await card.innerText(), /Canary\s+none/);

  const history = await card.getByRole('table', { name: 'Deployment history of iris-prod' }).locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(1).map((td) => td.textContent)));
  assert.deepEqual(history.map((h) => h.slice(0, 3)), [['deploy', 'IRIS:1', 'Data Scientist'], ['deploy', 'IRIS:2', 'Data Scientist'],
    ['rollback', 'IRIS:1', 'Data Scientist'], ['canary', 'IRIS:2', 'Data Scientist'], ['canary removed', 'IRIS:1', 'Data Scientist']]);
  await screenshot(page, 'endpoints-canary');
  assert.deepEqual(problems, []);
});
