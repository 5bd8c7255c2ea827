// Loads the built wasm module under node. Node must be handed the .wasm bytes: emscripten
// 3.1.6 would otherwise try to fetch() a file URL (TOOLCHAIN.md quirk 4).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const WEB = new URL('../../build/wasm/web/', import.meta.url);

export async function loadModule() {
  assert.ok(existsSync(new URL('mlplay.wasm', WEB)), 'build/wasm/web/mlplay.wasm is missing: run scripts/build.sh wasm');
  const { default: createMlplay } = await import(new URL('mlplay.mjs', WEB));
  return createMlplay({ wasmBinary: readFileSync(new URL('mlplay.wasm', WEB)) });
}

// A Core with a call(command, args) that parses the JSON reply.
export async function loadCore() {
  const module = await loadModule();
  const core = new module.Core();
  return {
    module,
    call: (command, args = {}) => JSON.parse(core.call(command, JSON.stringify(args))),
    raw: core,
  };
}
