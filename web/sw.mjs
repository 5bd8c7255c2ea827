// The Service Worker that makes deployed endpoints answer at real URLs of the page's origin:
// fetch('endpoints/iris-prod/score', {method: 'POST', headers: {'Content-Type':
// 'application/json'}, body}) (also /invocations, /ping, /health) is answered like a scoring
// service. It computes nothing: it forwards method, path, content type and body to the page that
// asked (over a MessageChannel), whose core scores it (endpoint.score, web/endpoint_bridge.mjs),
// and answers with the core's status, content type, headers and body. Every other request goes to
// the network untouched.
//
// A classic script (no import or export), so it registers in browsers without module Service
// Workers too. Paths are relative to the registration's scope, so a page served under a sub-path
// has its endpoints under that sub-path.

const ANSWER_WITHIN_MS = 60000;

// skipWaiting + clients.claim: the page that registered this worker is controlled at once, so its
// first load can already fetch its endpoints.
self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const target = endpointTarget(event.request.url);
  if (target) event.respondWith(answer(event, target));
});

// "<scope>endpoints/iris-prod/score?x=1" -> {endpoint: "iris-prod", path: "/score?x=1"}; null for
// any URL that is not under <scope>endpoints/<name>/. The core answers unknown routes (404).
function endpointTarget(href) {
  const prefix = new URL('endpoints/', self.registration.scope);
  const url = new URL(href);
  if (url.origin !== prefix.origin || !url.pathname.startsWith(prefix.pathname)) return null;
  const rest = url.pathname.slice(prefix.pathname.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  let endpoint;
  try { endpoint = decodeURIComponent(rest.slice(0, slash)); } catch { return null; }
  return { endpoint, path: `${rest.slice(slash)}${url.search}` };
}

function jsonResponse(status, errorCode, message, code) {
  return new Response(JSON.stringify({ error_code: errorCode, message, code }), {
    status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

// The page that sent the request answers it; a request from a worker or from no page at all is
// answered by any open page of the playground under this scope.
async function answeringClient(clientId) {
  const own = clientId ? await self.clients.get(clientId) : null;
  if (own?.type === 'window') return own;
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return pages[0] ?? null;
}

function ask(client, request) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ timeout: true }), ANSWER_WITHIN_MS);
    channel.port1.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
    client.postMessage({ type: 'mlplay.endpoint.request', request }, [channel.port2]);
  });
}

async function answer(event, { endpoint, path }) {
  const req = event.request;
  const client = await answeringClient(event.clientId);
  if (!client) {
    return jsonResponse(503, 'SERVICE_UNAVAILABLE', 'No MLOps Playground page is open to answer this endpoint; open the page and try again.', 'endpoint.no_page');
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.text();
  const reply = await ask(client, { endpoint, method: req.method, path, content_type: req.headers.get('content-type') ?? '', body });
  if (reply.timeout) {
    return jsonResponse(504, 'GATEWAY_TIMEOUT', `The page did not answer within ${ANSWER_WITHIN_MS / 1000} s.`, 'endpoint.timeout');
  }
  if (reply.error) {
    const unknown = reply.error.code === 'endpoint.unknown' || reply.error.code === 'endpoint.bad_name';
    return jsonResponse(unknown ? 404 : 503, unknown ? 'NOT_FOUND' : 'SERVICE_UNAVAILABLE', reply.error.message, reply.error.code);
  }
  const r = reply.result;
  const headers = new Headers({ 'Cache-Control': 'no-store', 'X-Model-Version': `${r.model}:${r.version}` });
  for (const [name, value] of Object.entries(r.headers ?? {})) headers.set(name, value);
  headers.set('Content-Type', r.content_type);
  return new Response(req.method === 'HEAD' ? null : r.body, { status: r.status, headers });
}
