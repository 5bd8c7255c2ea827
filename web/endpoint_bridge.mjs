// The page's side of the Service Worker (web/sw.mjs): it answers the requests the worker forwards
// (fetch('endpoints/iris-prod/score') from this origin) by asking the core (endpoint.score), and
// says whether those in-page endpoint URLs are live. Without a Service Worker (file://, an
// insecure origin, a browser without one) nothing here is live and the views call the core
// directly, as they always do.
const TAKE_CONTROL_MS = 8000;

export class EndpointBridge extends EventTarget {
  constructor(app) {
    super();
    this.app = app;
    this.status = 'starting'; // 'starting' | 'live' | 'unavailable'
    this.reason = 'The Service Worker is starting.';
    this.answered = 0;
  }

  // `registering` is navigator.serviceWorker.register(...)'s promise, or undefined when there is
  // no Service Worker here.
  start(registering) {
    const sw = navigator.serviceWorker;
    if (!sw || !registering) {
      const why = location.protocol === 'file:' ? 'pages opened from a file have no Service Worker' : 'this browser offers no Service Worker here';
      this.#set('unavailable', `In-page endpoint URLs are not live: ${why}.`);
      return this;
    }
    sw.addEventListener('message', (e) => this.#answer(e));
    sw.startMessages();
    sw.addEventListener('controllerchange', () => this.#check());
    registering.then(() => sw.ready).then(() => this.#check(),
      (err) => this.#set('unavailable', `In-page endpoint URLs are not live: the Service Worker did not register (${err?.message ?? err}).`));
    // A worker that never takes control (blocked by policy or a browser setting) is no endpoint;
    // should it take control later, controllerchange makes the URLs live after all.
    setTimeout(() => {
      if (this.status === 'starting') this.#set('unavailable', `In-page endpoint URLs are not live: the Service Worker did not take control of this page within ${TAKE_CONTROL_MS / 1000} s.`);
    }, TAKE_CONTROL_MS);
    return this;
  }

  get live() { return this.status === 'live'; }

  // The in-page URL of an endpoint's route, e.g. http://127.0.0.1:8000/endpoints/iris-prod/score
  // (under the page's own path when it is served from a sub-path).
  url(endpoint, route = '/score') {
    return new URL(`endpoints/${encodeURIComponent(endpoint)}${route}`, document.baseURI).href;
  }

  #check() {
    const controller = navigator.serviceWorker.controller;
    if (controller && /\/sw\.mjs$/.test(new URL(controller.scriptURL).pathname)) {
      this.#set('live', 'In-page endpoint URLs are live: this page\'s Service Worker answers them through the core.');
    } else {
      this.#set('starting', 'The Service Worker is registered and will answer once it controls this page.');
    }
  }

  #set(status, reason) {
    this.status = status;
    this.reason = reason;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, reason } }));
  }

  async #answer(event) {
    if (event.data?.type !== 'mlplay.endpoint.request') return;
    const [port] = event.ports;
    try {
      await this.app.workspaceReady; // the saved workspace (and its endpoints) first
      const result = await this.app.client.call('endpoint.score', event.data.request);
      port.postMessage({ result });
      this.answered += 1;
      this.dispatchEvent(new CustomEvent('request', { detail: result }));
    } catch (err) {
      port.postMessage({ error: { code: err?.code ?? 'worker.failed', message: String(err?.message ?? err) } });
    }
  }
}
