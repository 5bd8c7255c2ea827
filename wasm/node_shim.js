// Emscripten 3.1.6's EXPORT_ES6 output uses __dirname and require, which ES modules lack under
// node (TOOLCHAIN.md quirk 4). Browsers and workers skip the awaits.
const __isNode = typeof process == 'object' && typeof process.versions == 'object' && !!process.versions.node;
const require = __isNode ? (await import('module')).createRequire(import.meta.url) : undefined;
const __dirname = __isNode ? require('path').dirname(require('url').fileURLToPath(import.meta.url)) : '';
