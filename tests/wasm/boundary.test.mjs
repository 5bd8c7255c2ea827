// The wasm boundary: commands answer, C++ exceptions come back as error values, and the same
// module instance keeps working after one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { loadCore } from './load_core.mjs';

const core = await loadCore();

test('the wasm core reports the same version string as the native mlplay CLI', () => {
  const native = execFileSync(new URL('../../build/native/mlplay', import.meta.url).pathname, ['--version'])
    .toString().trim();
  assert.equal(core.call('core.version').result, native);
  assert.match(native, /^MLOps Playground core \d+\.\d+\.\d+$/);
});

test('the build facts say wasm32 and name emscripten', () => {
  const build = JSON.parse(core.module.buildInfo());
  assert.equal(build.target, 'wasm32');
  assert.match(build.compiler, /emscripten/);
});

test('a command that throws inside C++ returns an error object and the module survives', () => {
  const r = core.call('no.such.command');
  assert.equal(r.error.code, 'api.unknown_command');
  assert.match(r.error.message, /no\.such\.command/);
  assert.equal(core.call('core.version').result.startsWith('MLOps Playground core'), true);
});

test('malformed JSON arguments (a throw inside nlohmann::json) return api.bad_json, then calls still work', () => {
  const r = JSON.parse(core.raw.call('core.version', '{"unterminated'));
  assert.equal(r.error.code, 'api.bad_json');
  assert.ok(r.error.message.length > 0);
  for (let i = 0; i < 100; i++) assert.equal(core.call('no.such.command').error.code, 'api.unknown_command');
  assert.ok(core.call('core.commands').result['core.version']);
});
