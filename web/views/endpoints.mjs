// The Endpoints view (#/endpoints): the deployed model versions answering scoring requests
// (iris-uat, iris-prod), each with its scoring URI, canary, deployment history and controls; a
// request console; a form built from the model's feature schema; batch scoring of a CSV file;
// and the recent requests. Whether the in-page endpoint URLs (fetch('endpoints/iris-prod/score'))
// are live depends on the Service Worker (web/sw.mjs); everything here works without it.
import { el } from './dom.mjs';
import { batchScoring } from './endpoints_batch.mjs';
import { endpointCard } from './endpoints_card.mjs';
import { requestConsole } from './endpoints_console.mjs';
import { recentRequests } from './endpoints_requests.mjs';
import { errorText } from './runs_format.mjs';

// "Deploy a model version" to a new or existing endpoint, without a release.
function deployForm(app, models, report) {
  const name = el('input', { id: 'new-endpoint-name', size: '16', value: 'iris-dev', pattern: '[a-z0-9]([a-z0-9\\-]*[a-z0-9])?', required: true, autocomplete: 'off' });
  const version = el('select', { id: 'new-endpoint-version' }, models.flatMap((m) => [...m.versions].reverse()
    .map((v) => el('option', { value: `${m.name}:${v.number}`, text: `${m.name}:${v.number} (${v.stage})` }))));
  const stage = el('input', { id: 'new-endpoint-stage', size: '8', value: 'DEV', autocomplete: 'off' });
  const alert = el('div', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'row endpoint-form', 'aria-label': 'Deploy a model version' },
    el('label', { for: name.id, text: 'Endpoint name' }), name,
    el('label', { for: version.id, text: 'Model version' }), version,
    el('label', { for: stage.id, text: 'Stage' }), stage,
    el('button', { type: 'submit', text: 'Deploy to endpoint', disabled: !models.length }), alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.replaceChildren();
    const at = version.value.lastIndexOf(':');
    const command = { type: 'endpoint.deploy', name: name.value.trim(), model: version.value.slice(0, at), version: Number(version.value.slice(at + 1)) };
    if (stage.value.trim()) command.stage = stage.value.trim();
    try {
      await app.workspace.apply(command);
      report(`Deployed ${version.value} to ${command.name}.`);
    } catch (err) {
      alert.textContent = errorText(err);
    }
  });
  return el('details', { class: 'deploy-direct' }, el('summary', { text: 'Deploy a model version without a release' }), form);
}

export async function render(container, app) {
  await app.workspaceReady;
  const bridge = app.endpoints;
  const live = el('p', { class: 'endpoints-live', 'aria-live': 'polite' });
  const status = el('p', { class: 'endpoints-status', role: 'status' });
  const cards = el('div', { class: 'endpoint-cards' });
  const deployBox = el('div');
  const requests = recentRequests(app);
  const consolePart = requestConsole(app, { onAnswered: () => { requests.refresh(); redraw(); } });
  const batch = batchScoring(app, { onAnswered: () => { requests.refresh(); redraw(); } });
  const root = el('div', { class: 'endpoints-view' },
    el('h2', { text: 'Endpoints' }),
    el('p', { class: 'help', text: 'An endpoint answers scoring requests with the model version deployed to it: POST /score with the tutorial\'s JSON, POST /invocations as MLflow\'s scoring server, GET /ping and /health.' }),
    live, status, cards, deployBox, consolePart.element, batch.element, requests.element);
  const report = (text) => { status.textContent = text; };

  function showLive() {
    live.className = `endpoints-live ${bridge?.live ? 'ok' : 'muted'}`;
    const example = bridge?.url('iris-prod', '/score') ?? '';
    live.replaceChildren(bridge?.reason ?? 'In-page endpoint URLs are not live here.',
      bridge?.live ? el('span', {}, ' Try ', el('code', { text: `fetch('${example}', {method: 'POST', headers: {'Content-Type': 'application/json'}, body})` }), '.') : ' The console below calls the core directly.');
  }

  let generation = 0;
  // Cards from the core's endpoint.list (which adds each endpoint's request count).
  async function redraw() {
    const mine = ++generation;
    const state = app.workspace.state;
    const models = state?.workspace.models.models ?? [];
    let endpoints = [];
    try {
      endpoints = (await app.client.call('endpoint.list')).endpoints;
    } catch (err) {
      report(errorText(err));
    }
    if (mine !== generation) return;
    const focused = document.activeElement?.id;
    cards.replaceChildren(...(endpoints.length ? endpoints.map((e) => endpointCard(app, e, {
      versions: models.find((m) => m.name === e.model)?.versions ?? [], bridge, report,
    })) : [el('p', { class: 'placeholder' }, 'No endpoints yet: a release deploys one (UAT to iris-uat, PROD to iris-prod) in ',
      el('a', { href: '#/releases', text: 'Releases' }), ', or deploy a model version directly below.')]));
    if (!deployBox.querySelector('details[open]')) deployBox.replaceChildren(deployForm(app, models, report));
    consolePart.update(endpoints);
    batch.update(endpoints);
    if (focused) document.getElementById(focused)?.focus();
  }

  app.workspace.onChange(() => redraw(), root);
  const onStatus = () => { if (!root.isConnected) { bridge.removeEventListener('status', onStatus); return; } showLive(); redraw(); };
  const onRequest = () => { if (!root.isConnected) { bridge.removeEventListener('request', onRequest); return; } requests.refresh(); };
  bridge?.addEventListener('status', onStatus);
  bridge?.addEventListener('request', onRequest);
  container.replaceChildren(root);
  showLive();
  await Promise.all([redraw(), requests.refresh()]);
}
