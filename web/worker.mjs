// The module Web Worker that owns the wasm core. It is a small dispatcher: {id, command, args}
// in; {id, result} | {id, error} | {id, progress} out. Commands that move bulk data (files,
// columns) have a handler in worker_tasks.mjs; every other command goes straight to the core.
import createMlplay from './mlplay.mjs';
import { tasks } from './worker_tasks.mjs';

let core;
let module;
const cancelled = new Set();

// Yields to the event loop so queued messages (a cancel) are handled. A MessageChannel task, not
// setTimeout, which browsers clamp to 4 ms once nested.
const channel = new MessageChannel();
const resumers = [];
channel.port1.onmessage = () => resumers.shift()?.();
const yieldToEvents = () => new Promise((resolve) => { resumers.push(resolve); channel.port2.postMessage(0); });

// What a task handler gets: the core, progress reporting, and a cancel check that also lets
// queued messages (such as a cancel) in.
function contextFor(id) {
  return {
    module,
    call: (command, args) => callCore(command, args),
    feedCsv(upload, bytes) {
      const reply = JSON.parse(core.feedCsv(upload, bytes));
      if (reply.error) throw reply.error;
    },
    exportWorkspace() {
      const text = core.exportWorkspace();
      if (text.startsWith('{"error"')) throw JSON.parse(text).error;
      return text;
    },
    importWorkspace(bytes) {
      const reply = JSON.parse(core.importWorkspace(bytes));
      if (reply.error) throw reply.error;
      return reply.result;
    },
    progress: (progress) => self.postMessage({ id, progress }),
    async checkpoint() {
      await yieldToEvents();
      if (cancelled.has(id)) throw { code: 'core.cancelled', message: 'Cancelled.' };
    },
  };
}

function callCore(command, args) {
  const reply = JSON.parse(core.call(command, JSON.stringify(args ?? {})));
  if (reply.error) throw reply.error;
  return reply.result;
}

async function onMessage({ data }) {
  const { id, command, args, cancel } = data ?? {};
  if (cancel) { cancelled.add(id); return; }
  try {
    const task = tasks[command];
    const result = task ? await task(args ?? {}, contextFor(id)) : callCore(command, args);
    const transfer = result?.transfer ?? [];
    if (!cancelled.has(id)) self.postMessage({ id, result: transfer.length ? result.value : result }, transfer);
  } catch (err) {
    const error = err?.code ? err : { code: 'worker.failed', message: String(err?.message ?? err) };
    if (!cancelled.has(id)) self.postMessage({ id, error });
  } finally {
    cancelled.delete(id);
  }
}

try {
  module = await createMlplay();
  core = new module.Core();
  self.onmessage = onMessage;
  self.postMessage({ ready: true, build: JSON.parse(module.buildInfo()) });
} catch (err) {
  self.postMessage({ fatal: { code: 'worker.load_failed', message: `The wasm core did not load: ${err?.message ?? err}` } });
}
