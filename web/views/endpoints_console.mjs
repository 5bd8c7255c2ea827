// The request console: send one HTTP-like request to an endpoint (route /score, /invocations,
// /ping or /health; content type application/json, text/csv or none, to see the 415) and see the
// status, content type, response headers (X-Ignored-Fields), body, the latency measured in the
// page (performance.now(), the round trip through the worker or through the Service Worker) and
// the model version that answered. It calls the core directly (endpoint.score), or, when the
// in-page endpoint URL is live, can send a real fetch() to it. The body starts as the tutorial's
// payload; the features form builds it from the model's schema.
import { el } from './dom.mjs';
import { schemaForm } from './endpoints_schema.mjs';
import { errorText } from './runs_format.mjs';

export const TUTORIAL_PAYLOAD = { SepalLengthCm: 6.6, SepalWidthCm: 3, PetalLengthCm: 4.4, PetalWidthCm: 1.4 };
const ROUTES = ['/score', '/invocations', '/ping', '/health'];
const TYPES = [['application/json', 'application/json'], ['text/csv', 'text/csv'], ['', '(none)']];
const csvCell = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

// The example body for a route and content type, from one record.
function example(route, type, record) {
  if (route === '/ping' || route === '/health') return '';
  if (type === 'text/csv') return `${Object.keys(record).map(csvCell).join(',')}\n${Object.values(record).map(csvCell).join(',')}\n`;
  if (route === '/invocations') return JSON.stringify({ dataframe_split: { columns: Object.keys(record), data: [Object.values(record)] } }, null, 2);
  return JSON.stringify(record, null, 2);
}

function select(id, options, value) {
  const s = el('select', { id }, options.map(([v, text]) => el('option', { value: v, text })));
  s.value = value;
  return s;
}

// Sends through the Service Worker: a real fetch of the in-page URL. A body without a content
// type goes as a Blob without a type (a string would be sent as text/plain).
async function viaUrl(url, method, type, body) {
  const init = { method, headers: type ? { 'Content-Type': type } : {} };
  if (method !== 'GET' && method !== 'HEAD') init.body = type ? body : new Blob([body]);
  const res = await fetch(url, init);
  const headers = {};
  res.headers.forEach((v, k) => { if (k !== 'content-type' && k !== 'content-length') headers[k] = v; });
  const version = headers['x-model-version'];
  return { status: res.status, content_type: res.headers.get('content-type') ?? '', headers, body: await res.text(),
    answered: version ? `${version} (X-Model-Version)` : '' };
}

export function requestConsole(app, { onAnswered }) {
  const endpoint = el('select', { id: 'console-endpoint' });
  const method = select('console-method', ['POST', 'GET', 'HEAD'].map((m) => [m, m]), 'POST');
  const route = select('console-route', ROUTES.map((r) => [r, r]), '/score');
  const type = select('console-type', TYPES, 'application/json');
  const via = select('console-via', [['core', 'the core, directly (a call to the worker)'], ['url', 'the endpoint URL (fetch, answered by the Service Worker)']], 'core');
  let record = { ...TUTORIAL_PAYLOAD };
  let lastExample = example('/score', 'application/json', record);
  const body = el('textarea', { id: 'console-body', rows: '8', cols: '60', spellcheck: 'false', class: 'code' });
  body.value = lastExample;
  const url = el('code', { class: 'console-url' });
  const send = el('button', { type: 'submit', class: 'primary', text: 'Send' });
  const response = el('section', { class: 'console-response', 'aria-label': 'Response', 'aria-live': 'polite' });

  const bridge = app.endpoints;
  const showUrl = () => {
    url.textContent = endpoint.value ? `${method.value} ${bridge?.url(endpoint.value, route.value) ?? `/endpoints/${endpoint.value}${route.value}`}` : '';
    via.querySelector('option[value="url"]').disabled = !bridge?.live;
    if (!bridge?.live && via.value === 'url') via.value = 'core';
  };
  const reExample = () => {
    const next = example(route.value, type.value, record);
    if (body.value === lastExample) body.value = next; // only a body the user has not edited
    lastExample = next;
  };
  route.addEventListener('change', () => {
    const scoring = route.value === '/score' || route.value === '/invocations';
    method.value = scoring ? 'POST' : 'GET';
    if (route.value === '/score' && type.value === 'text/csv') type.value = 'application/json';
    reExample();
    showUrl();
  });
  type.addEventListener('change', reExample);
  method.addEventListener('change', showUrl);

  const schema = schemaForm(app, {
    record: () => record,
    onBuild: (built) => {
      record = built;
      route.value = '/score';
      method.value = 'POST';
      type.value = 'application/json';
      body.value = lastExample = example('/score', 'application/json', record);
      showUrl();
    },
  });

  function showAnswer(r, ms, answered) {
    const headers = Object.entries(r.headers ?? {});
    const facts = [
      ['Status', el('strong', { class: r.status < 300 ? 'ok' : 'error', text: String(r.status) })],
      ['Content type', r.content_type || '(none)'],
      ['Headers', headers.length ? el('ul', { class: 'header-list' }, headers.map(([k, v]) => el('li', {}, el('code', { text: `${k}: ${v}` })))) : '(none beyond Content-Type)'],
      ['Latency', `${ms.toFixed(1)} ms (measured in the page, round trip)`],
      ['Answered by', answered || '—'],
    ];
    let shown = r.body;
    try { shown = JSON.stringify(JSON.parse(r.body), null, 2); } catch { /* not JSON: as it came */ }
    response.replaceChildren(el('h4', { text: 'Response' }),
      el('dl', { class: 'version-facts console-facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])),
      el('pre', { class: 'json response-body', 'aria-label': 'Response body', text: shown || '(empty body)' }));
  }

  const form = el('form', { class: 'request-console', 'aria-label': 'Request console' },
    el('div', { class: 'console-grid' },
      el('label', { for: endpoint.id, text: 'Endpoint' }), endpoint,
      el('label', { for: route.id, text: 'Route' }), route,
      el('label', { for: method.id, text: 'Method' }), method,
      el('label', { for: type.id, text: 'Content type' }), type,
      el('label', { for: via.id, text: 'Send through' }), via,
      el('label', { for: body.id, text: 'Body' }), body),
    el('p', { class: 'muted' }, 'Request: ', url),
    el('div', { class: 'row' }, send));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!endpoint.value) return;
    send.disabled = true;
    const started = performance.now();
    try {
      let r;
      let answered;
      if (via.value === 'url') {
        r = await viaUrl(bridge.url(endpoint.value, route.value), method.value, type.value, body.value);
        answered = r.answered;
      } else {
        r = await app.client.call('endpoint.score', { endpoint: endpoint.value, method: method.value, path: route.value, content_type: type.value, body: body.value });
        answered = `${r.model}:${r.version} (request #${r.request} at ${endpoint.value})`;
      }
      showAnswer(r, performance.now() - started, answered);
    } catch (err) {
      response.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    } finally {
      send.disabled = false;
      onAnswered();
    }
  });
  endpoint.addEventListener('change', () => { showUrl(); schema.load(endpoint.value, endpoint.selectedOptions[0]?.dataset.version); });

  // The deployed endpoints changed: new choices, the schema of the one chosen.
  function update(endpoints) {
    const keep = endpoint.value;
    endpoint.replaceChildren(...endpoints.map((e) => el('option', { value: e.name, 'data-version': `${e.model}:${e.version}`, text: `${e.name} (${e.model}:${e.version})` })));
    if (endpoints.some((e) => e.name === keep)) endpoint.value = keep;
    else if (endpoints.some((e) => e.stage === 'PROD')) endpoint.value = endpoints.find((e) => e.stage === 'PROD').name;
    send.disabled = !endpoints.length;
    showUrl();
    schema.load(endpoint.value, endpoint.selectedOptions[0]?.dataset.version);
  }

  const element = el('section', { class: 'console-section', 'aria-labelledby': 'console-title' },
    el('h3', { id: 'console-title', text: 'Request console' }),
    el('div', { class: 'console-columns' }, form, schema.element), response);
  const onStatus = () => { if (element.isConnected) showUrl(); else bridge.removeEventListener('status', onStatus); };
  bridge?.addEventListener('status', onStatus);
  return { element, update };
}
