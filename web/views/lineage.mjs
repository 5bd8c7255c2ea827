// The Lineage view: where a model version came from and what a dataset version fed, as the core
// traces them (lineage.model, lineage.dataset).
//   #/lineage/model/IRIS/2    dataset version -> run -> model version, as linked boxes
//   #/lineage/dataset/iris/1  the dataset version, the runs trained on it, the model versions built from them
//   #/lineage                 the versions to start from
import { el } from './dom.mjs';
import { aliasChip, datasetLink, datasetRef, errorText, modelLineageLink, modelName, routeOf, runLink, stageBadge, timeCell } from './runs_format.mjs';

function box(kind, title, ...body) {
  return el('li', { class: `lineage-box lineage-${kind}` }, el('span', { class: 'lineage-kind', text: title }), ...body);
}

function datasetBox(state, ref) {
  if (!ref?.name) return box('dataset', 'Dataset version', el('p', { class: 'placeholder', text: 'None recorded.' }));
  const d = state.workspace.datasets.datasets.find((x) => x.name === ref.name);
  const v = d?.versions.find((x) => x.number === ref.version);
  return box('dataset', 'Dataset version', el('h4', {}, datasetLink(ref)),
    v ? el('p', { text: `${v.rows} rows, ${v.schema.columns.length} columns` }) : null,
    ref.hash ? el('p', {}, 'hash ', el('code', { text: ref.hash.slice(0, 12) })) : null,
    v ? el('p', {}, 'registered ', timeCell(v.created)) : null);
}

function runBox(state, id) {
  const run = state.workspace.tracking.runs.find((r) => r.id === id);
  return box('run', 'Run', el('h4', {}, runLink(id)),
    run ? el('p', { text: `${run.experiment} · ${modelName(run)} · ${run.status}` }) : null,
    run?.metrics?.accuracy !== undefined ? el('p', { text: `accuracy ${run.metrics.accuracy.toPrecision(3)}` }) : null);
}

function modelBox(state, name, number) {
  const model = state.workspace.models.models.find((m) => m.name === name);
  const v = model?.versions.find((x) => x.number === number);
  const aliases = Object.entries(model?.aliases ?? {}).filter(([, n]) => n === number).map(([a]) => aliasChip(a));
  return box('model', 'Model version', el('h4', {}, modelLineageLink(name, number)),
    v ? el('p', {}, stageBadge(v.stage), ...aliases) : null,
    v ? el('p', {}, `by ${v.created_by}, `, timeCell(v.created)) : null,
    el('p', {}, el('a', { href: '#/models', text: 'In the registry' })));
}

async function modelLineage(app, name, version) {
  const state = app.workspace.state;
  const l = await app.client.call('lineage.model', { name, version });
  return [el('h3', { text: `Model version ${l.model.reference}` }),
    el('p', { class: 'help', text: `Trained in ${l.run.id} on ${datasetRef(l.dataset) || 'no recorded dataset version'}.` }),
    el('ol', { class: 'lineage-chain', 'aria-label': `Lineage of ${l.model.reference}` },
      datasetBox(state, l.dataset), runBox(state, l.run.id), modelBox(state, name, version)),
    l.pipeline_run ? el('p', {}, 'Built by pipeline run ', el('a', { href: `#/pipelines/run/${encodeURIComponent(l.pipeline_run.id)}`, text: l.pipeline_run.id }), '.') : null,
    l.releases?.length ? el('p', {}, 'Released in ', ...l.releases.flatMap((r, i) => [i ? ', ' : '', el('a', { href: '#/releases', text: r.name }), ` (${r.status})`]), '.') : null,
    l.endpoints?.length ? el('p', {}, 'Serving at ', ...l.endpoints.flatMap((e, i) => [i ? ', ' : '', el('a', { href: '#/endpoints', text: e.name }), e.canary ? ' (canary)' : '']), '.') : null];
}

async function datasetLineage(app, name, version) {
  const state = app.workspace.state;
  const l = await app.client.call('lineage.dataset', { name, version });
  const ref = `${name}:${version}`;
  const column = (title, items, empty) => el('div', { class: 'lineage-column' }, el('h4', { text: title }),
    items.length ? el('ol', { class: 'lineage-list', 'aria-label': title }, items) : el('p', { class: 'placeholder', text: empty }));
  return [el('h3', { text: `Dataset version ${ref}` }),
    el('p', { class: 'help', text: `${l.runs.length} run${l.runs.length === 1 ? '' : 's'} trained on it; ${l.models.length} model version${l.models.length === 1 ? '' : 's'} built from them.` }),
    el('div', { class: 'lineage-fan' },
      el('ol', { class: 'lineage-chain', 'aria-label': `Dataset version ${ref}` }, datasetBox(state, l.dataset)),
      column(`Runs on ${ref}`, l.runs.map((id) => runBox(state, id)), 'No runs trained on it yet.'),
      column(`Model versions from ${ref}`, l.models.map((m) => box('model', 'Model version',
        el('h4', {}, modelLineageLink(m.name, m.version)), el('p', {}, 'from ', runLink(m.run)))), 'No model versions built from it yet.'))];
}

function index(state) {
  const datasets = state.workspace.datasets.datasets.flatMap((d) => d.versions.map((v) => el('li', {}, datasetLink({ name: d.name, version: v.number }))));
  const models = state.workspace.models.models.flatMap((m) => m.versions.map((v) => el('li', {}, modelLineageLink(m.name, v.number))));
  return [el('p', { class: 'help', text: 'Pick a dataset version or a model version to see what it came from and what was built on it.' }),
    el('div', { class: 'result-tables' },
      el('div', {}, el('h3', { text: 'Dataset versions' }), datasets.length ? el('ul', { 'aria-label': 'Dataset versions' }, datasets) : el('p', { class: 'placeholder', text: 'None registered yet.' })),
      el('div', {}, el('h3', { text: 'Model versions' }), models.length ? el('ul', { 'aria-label': 'Model versions' }, models) : el('p', { class: 'placeholder', text: 'None registered yet.' })))];
}

export async function render(container, app) {
  await app.workspaceReady;
  const [kind, name, number] = routeOf(app);
  const body = el('div');
  const root = el('div', { class: 'lineage-view' }, el('h2', { text: 'Lineage' }), body);
  let generation = 0;
  async function draw() {
    const mine = ++generation;
    let parts;
    try {
      const version = Number(number);
      if (kind === 'model' && name && Number.isInteger(version)) parts = await modelLineage(app, name, version);
      else if (kind === 'dataset' && name && Number.isInteger(version)) parts = await datasetLineage(app, name, version);
      else if (kind) parts = [el('p', { class: 'error', role: 'alert', text: `"#/lineage/${routeOf(app).join('/')}" names no version: use #/lineage/model/NAME/VERSION or #/lineage/dataset/NAME/VERSION.` }), ...index(app.workspace.state)];
      else parts = index(app.workspace.state);
    } catch (err) {
      parts = [el('p', { class: 'error', role: 'alert', text: errorText(err) }), ...index(app.workspace.state)];
    }
    if (mine === generation) body.replaceChildren(...parts);
  }
  app.workspace.onChange(draw, root);
  container.replaceChildren(root);
  await draw();
}
