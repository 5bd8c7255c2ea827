// Shared set-up for browser tests: serve.py on a free port and Debian's Chromium through
// playwright-core. Collects console errors and page errors so a test can assert there were none.
// MLPLAY_WEB_ROOT serves another built page than build/wasm/web (e.g. a second build folder).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SHOTS = `${ROOT}build/screenshots`;

export const WEB_ROOT = process.env.MLPLAY_WEB_ROOT || `${ROOT}build/wasm/web`;

export async function startServer({ root = WEB_ROOT } = {}) {
  const proc = spawn('python3', [`${ROOT}serve.py`, '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  proc.stderr.on('data', (d) => log.push(String(d)));
  const [chunk] = await once(proc.stdout, 'data');
  const url = String(chunk).trim().split('\n')[0];
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, `serve.py did not print its URL: ${url} ${log.join('')}`);
  return { url, log, stop: () => proc.kill('SIGTERM') };
}

export async function openPage(t, path = '') {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  t.after(async () => { await browser.close(); server.stop(); });
  await page.goto(server.url + path);
  return { page, problems, requests, server };
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
