// The shell of the page in real Chromium: the core answers from inside the Worker, every view is
// reachable by keyboard-accessible links, and nothing leaves 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openPage, screenshot } from './harness.mjs';

const nativeVersion = execFileSync(new URL('../../build/native/mlplay', import.meta.url).pathname, ['--version'])
  .toString().trim();

test('the status line shows the version computed by the wasm core in the worker, with no console errors', async (t) => {
  const { page, problems, requests } = await openPage(t);
  const status = page.getByRole('status', { name: 'Core status' });
  await status.getByText(nativeVersion).waitFor({ timeout: 20000 });
  assert.match(await status.textContent(), /wasm32/);
  // The version really comes from the worker's wasm module, not from the page's own code.
  const fromWorker = await page.evaluate(() => window.mlplay.client.call('core.version'));
  assert.equal(fromWorker, nativeVersion);
  await screenshot(page, 'shell');
  assert.deepEqual(problems, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:')), []);
});

test('every life-cycle view is a named link in the navigation and opens its view', async (t) => {
  const { page, problems } = await openPage(t);
  const nav = page.getByRole('navigation', { name: 'Life cycle' });
  for (const name of ['Data', 'Train', 'Runs', 'Models', 'Pipelines', 'Releases', 'Endpoints', 'Monitoring']) {
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    assert.equal(await nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page');
  }
  assert.deepEqual(problems, []);
});

test('an error inside the core reaches the page as a CoreError and the worker keeps answering', async (t) => {
  const { page } = await openPage(t);
  const r = await page.evaluate(async () => {
    const c = window.mlplay.client;
    let code;
    try { await c.call('no.such.command'); } catch (e) { code = e.code; }
    return { code, after: await c.call('core.version') };
  });
  assert.equal(r.code, 'api.unknown_command');
  assert.equal(r.after, nativeVersion);
});
