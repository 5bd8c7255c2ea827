// serve.py over real HTTP: MIME types the browser insists on, revalidation, and no way out of
// the web root, plain or URL-encoded.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './harness.mjs';

const server = await startServer();
test.after(() => server.stop());

// Raw request, so the path reaches the server exactly as written (no client-side normalising).
function get(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the page answers 200 on / and tells the browser to revalidate', async () => {
  const r = await get('/', 'HEAD');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.match(r.headers['cache-control'], /no-cache|no-store/);
});

test('the wasm module is served as application/wasm and modules as JavaScript', async () => {
  assert.equal((await get('/mlplay.wasm', 'HEAD')).headers['content-type'], 'application/wasm');
  assert.match((await get('/mlplay.mjs', 'HEAD')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/worker.mjs', 'HEAD')).headers['content-type'], /^text\/javascript/);
});

test('paths outside the web root are refused, plain and URL-encoded', async () => {
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
                      '/views/../../../etc/passwd', '/%2e%2e%5c%2e%2e%5cetc%5cpasswd']) {
    const r = await get(path);
    assert.ok(r.status === 403 || r.status === 404, `${path} answered ${r.status}`);
    assert.doesNotMatch(r.body, /root:.*:0:0:/, `${path} leaked /etc/passwd`);
  }
});

test('a missing file is a 404', async () => {
  assert.equal((await get('/no-such-file.js')).status, 404);
});
