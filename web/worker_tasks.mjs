// Worker-side tasks: commands that need more than one call into the core. Each task is
// async (args, ctx) and returns a value, or {value, transfer} to transfer buffers.
// Files stream into the core in chunks, so a 100 MB upload never sits in the wasm heap whole,
// progress is reported after every chunk, and a cancel takes effect between chunks.
const CHUNK_BYTES = 4 << 20;

async function streamCsv(blob, source, options, ctx) {
  const { upload } = ctx.call('data.csv.begin', { options: { ...options, source } });
  try {
    const total = blob.size;
    ctx.progress({ done: 0, total, message: `Reading ${source}` });
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
      ctx.feedCsv(upload, bytes);
      ctx.progress({ done: Math.min(total, offset + CHUNK_BYTES), total, message: `Reading ${source}` });
      await ctx.checkpoint();
    }
    return ctx.call('data.csv.finish', { upload, source });
  } catch (err) {
    try { ctx.call('data.csv.abort', { upload }); } catch { /* already gone after a reader error */ }
    throw err;
  }
}

async function fetchOk(url) {
  const res = await fetch(url);
  if (!res.ok) throw { code: 'data.fetch_failed', message: `Could not fetch ${url}: HTTP ${res.status}.` };
  return res;
}

let builtinIndex;
async function builtins() {
  builtinIndex ??= await (await fetchOk(new URL('./datasets/index.json', import.meta.url))).json();
  return builtinIndex;
}

export const tasks = {
  // {file: File|Blob, name?, options?} -> {table, summary}
  'data.load_file': ({ file, name, options = {} }, ctx) => streamCsv(file, name ?? file.name ?? 'upload.csv', options, ctx),
  // {name: "iris"} -> {table, summary, builtin}
  'data.load_builtin': async ({ name, options = {} }, ctx) => {
    const entry = (await builtins()).find((d) => d.name === name);
    if (!entry) throw { code: 'data.unknown_dataset', message: `No built-in dataset named '${name}'.` };
    const blob = await (await fetchOk(new URL(`./datasets/${entry.file}`, import.meta.url))).blob();
    return { ...(await streamCsv(blob, entry.file, options, ctx)), builtin: entry };
  },
  'data.builtins': () => builtins(),
};

// {table, family, params, target, ...} -> the training result. The core does one unit of work per
// train.step (a tree, an iteration, a fold's fit), so progress shows and Cancel works between units.
tasks['train.run'] = async (args, ctx) => {
  const { job } = ctx.call('train.begin', args);
  try {
    for (;;) {
      const s = ctx.call('train.step', { job, steps: 1 });
      ctx.progress({ done: s.progress, total: 1, message: s.message });
      if (s.done) break;
      await ctx.checkpoint();
    }
    return ctx.call('train.finish', { job });
  } catch (err) {
    try { ctx.call('train.cancel', { job }); } catch { /* the job is already gone */ }
    throw err;
  }
};
