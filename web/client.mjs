// The main thread's handle on the core: a promise per request, progress events, cancel.
// Every message carries an id; the worker answers {id, result} | {id, error} | {id, progress}.

export class CoreError extends Error {
  constructor({ code, message, line, column, excerpt }) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    Object.assign(this, { line, column, excerpt });
  }
}

export class CoreClient {
  constructor(workerUrl = new URL('./worker.mjs', import.meta.url)) {
    this.nextId = 1;
    this.pending = new Map();
    this.worker = new Worker(workerUrl, { type: 'module' });
    // The worker says "ready" once the wasm module is up: messages posted before that would be
    // lost in Chromium (TOOLCHAIN.md quirk 5), so every call waits for it.
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener('error', (e) => reject(new Error(`The core's worker failed to start: ${e.message || 'unknown error'}`)), { once: true });
      this.worker.addEventListener('message', (e) => {
        if (e.data?.ready) resolve(e.data.build);
        else if (e.data?.fatal) reject(new CoreError(e.data.fatal));
      });
    });
    this.worker.addEventListener('message', (e) => this.#onMessage(e.data));
  }

  // call('core.version', {}, {onProgress, signal, transfer}) -> Promise of the result.
  async call(command, args = {}, { onProgress, signal, transfer = [] } = {}) {
    await this.ready;
    if (signal?.aborted) throw cancelledError();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      signal?.addEventListener('abort', () => {
        if (!this.pending.has(id)) return;
        this.worker.postMessage({ id, cancel: true });
        this.pending.delete(id);
        reject(cancelledError());
      }, { once: true });
      this.worker.postMessage({ id, command, args }, transfer);
    });
  }

  #onMessage(msg) {
    const p = this.pending.get(msg?.id);
    if (!p) return;
    if ('progress' in msg) { p.onProgress?.(msg.progress); return; }
    this.pending.delete(msg.id);
    if ('error' in msg) p.reject(new CoreError(msg.error));
    else p.resolve(msg.result);
  }
}

function cancelledError() {
  return new CoreError({ code: 'core.cancelled', message: 'Cancelled.' });
}
