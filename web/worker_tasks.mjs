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
// With `log: {experiment, tags?, note?}` the finished training is logged as a run of that
// experiment (train.log_run) and the result carries {run: {run, experiment, dataset}}.
tasks['train.run'] = async ({ log, ...args }, ctx) => {
  const { job } = ctx.call('train.begin', args);
  try {
    for (;;) {
      const s = ctx.call('train.step', { job, steps: 1 });
      ctx.progress({ done: s.progress, total: 1, message: s.message });
      if (s.done) break;
      await ctx.checkpoint();
    }
    const result = ctx.call('train.finish', { job });
    if (log?.experiment) result.run = ctx.call('train.log_run', { model: result.model, ...log });
    return result;
  } catch (err) {
    try { ctx.call('train.cancel', { job }); } catch { /* the job is already gone */ }
    throw err;
  }
};

// Workspace files: exported as JSON text, gzip-compressed above this size (browsers have gzip
// built in, and `mlplay` reads both); imported from either, told apart by gzip's magic bytes.
const COMPRESS_ABOVE = 1 << 20;

async function throughStream(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

// {} -> {bytes: ArrayBuffer, name, compressed, size}
tasks['workspace.export_file'] = async (_args, ctx) => {
  let bytes = new TextEncoder().encode(ctx.exportWorkspace());
  const size = bytes.length;
  const compressed = size > COMPRESS_ABOVE;
  if (compressed) bytes = await throughStream(bytes, new CompressionStream('gzip'));
  const name = `workspace.mlplay.json${compressed ? '.gz' : ''}`;
  return { value: { bytes: bytes.buffer, name, compressed, size }, transfer: [bytes.buffer] };
};

// {file: File|Blob} -> {runs, models, datasets, commands, missing: [...]}
tasks['workspace.import_file'] = async ({ file }, ctx) => {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await throughStream(bytes, new DecompressionStream('gzip'));
    } catch (err) {
      throw { code: 'workspace.corrupt', message: `The workspace file is damaged: its gzip compression does not unpack (${err?.message ?? err}); the download may have been cut short.` };
    }
  }
  return ctx.importWorkspace(bytes);
};

// {command: 'pipeline.run' | 'pipeline.tick', args, sources: [names], data?: {source: table}} ->
// the command's result plus {data}, every source's table. The built-in datasets among the
// sources that `data` lacks are loaded first (progress, Cancel works); then the core runs the
// pipeline in one call, and from then on there is nothing to cancel (progress phase 'core').
// Other sources (dataset versions such as IRIS:2) the core resolves itself.
tasks['pipeline.with_sources'] = async ({ command, args = {}, sources = [], data = {} }, ctx) => {
  if (command !== 'pipeline.run' && command !== 'pipeline.tick') {
    throw { code: 'api.bad_args', message: `pipeline.with_sources runs pipeline.run or pipeline.tick, not '${command}'.` };
  }
  const loaded = { ...data };
  const known = await builtins();
  const missing = [...new Set(sources)].filter((s) => !loaded[s] && known.some((d) => d.name === s));
  const total = missing.length + 1;
  for (const [i, source] of missing.entries()) {
    ctx.progress({ phase: 'load', done: i, total, message: `Loading the data source ${source}` });
    loaded[source] = (await tasks['data.load_builtin']({ name: source }, { ...ctx, progress: () => {} })).table;
  }
  ctx.progress({ phase: 'core', done: missing.length, total, message: command === 'pipeline.run' ? 'Running the pipeline in the core…' : 'Advancing the simulated clock…' });
  await ctx.checkpoint();
  const result = ctx.call(command, Object.keys(loaded).length ? { ...args, data: loaded } : args);
  return { ...result, data: loaded };
};

// The records of a CSV text as they are written (RFC 4180: a line end inside quotes belongs to the
// field), without their line ends; blank lines are skipped, as the core's reader skips them.
function csvRecords(text) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (i === text.length || (!quoted && (c === '\n' || c === '\r'))) {
      const record = text.slice(start, i);
      if (record.trim()) out.push(record);
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return out;
}

// {endpoint, file: File|Blob} -> {status, message?, rows, model, version, ignored, csv}: the file
// posted as text/csv to the endpoint's /invocations (one request in its log); csv is the input's
// records with a "prediction" column added, in the same order.
tasks['endpoint.score_csv'] = async ({ endpoint, file }, ctx) => {
  const text = await file.text();
  const r = ctx.call('endpoint.score', { endpoint, path: '/invocations', content_type: 'text/csv', body: text });
  const base = { status: r.status, model: r.model, version: r.version, ignored: r.headers?.['X-Ignored-Fields'] ?? '' };
  if (r.status !== 200) {
    let message = r.body;
    try { message = JSON.parse(r.body).message ?? r.body; } catch { /* not JSON: the body as it is */ }
    return { ...base, rows: 0, message };
  }
  const { predictions } = JSON.parse(r.body);
  const records = csvRecords(text);
  if (records.length - 1 !== predictions.length) {
    throw { code: 'endpoint.batch_rows', message: `The endpoint scored ${predictions.length} rows but the file has ${records.length - 1} records; the predictions cannot be matched to the rows.` };
  }
  const cell = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [`${records[0]},prediction`, ...predictions.map((p, i) => `${records[i + 1]},${cell(p)}`)];
  return { ...base, rows: predictions.length, csv: `${lines.join('\n')}\n` };
};
