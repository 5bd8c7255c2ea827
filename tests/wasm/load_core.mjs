// Loads the built wasm module under node. Node must be handed the .wasm bytes: emscripten
// 3.1.6 would otherwise try to fetch() a file URL (TOOLCHAIN.md quirk 4).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../../', import.meta.url).pathname;
// The built page and the native CLI under test; MLPLAY_WEB_ROOT and MLPLAY_CLI point at other builds.
export const WEB = pathToFileURL(`${resolve(process.env.MLPLAY_WEB_ROOT || `${ROOT}build/wasm/web`)}/`);
export const MLPLAY_CLI = process.env.MLPLAY_CLI || `${ROOT}build/native/mlplay`;

export async function loadModule() {
  assert.ok(existsSync(new URL('mlplay.wasm', WEB)), `${WEB.pathname}mlplay.wasm is missing: run scripts/build.sh wasm`);
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
