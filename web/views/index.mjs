// The views of the life cycle, in the order a class meets them. A view with `module` is a file
// in this folder exporting render(container, app); a view still to come shows what it will hold.
export const views = [
  { id: 'data', title: 'Data', module: 'data.mjs', coming: 'Pick a built-in dataset or upload a CSV; see its profile, quality warnings and dataset versions.' },
  { id: 'train', title: 'Train', module: 'train.mjs', coming: 'Choose a dataset version, a target and a model; train, validate and tune with progress and cancel.' },
  { id: 'runs', title: 'Runs', module: 'runs.mjs', coming: 'Every training is a run in an experiment: parameters, metrics and artifacts side by side.' },
  { id: 'models', title: 'Models', module: 'models.mjs', coming: 'Registered models and model versions (IRIS:1, IRIS:2), stages, aliases and their history.' },
  // #/lineage/model/IRIS/2 and #/lineage/dataset/iris/1: the view reads the rest of the hash.
  { id: 'lineage', title: 'Lineage', module: 'lineage.mjs', coming: 'Dataset version, run and model version, linked.' },
  { id: 'pipelines', title: 'Pipelines', module: 'pipelines.mjs', coming: 'Build pipelines as code: steps, logs, durations and a cost meter on a simulated clock.' },
  { id: 'releases', title: 'Releases', module: 'releases.mjs', coming: 'Release pipelines: UAT, smoke test, approval and PROD, with the release history.' },
  { id: 'endpoints', title: 'Endpoints', module: 'endpoints.mjs', coming: 'Deployed model versions answering scoring requests, with a request console.' },
  { id: 'activity', title: 'Activity', module: 'activity.mjs', coming: 'The command log: who did what when.' },
  { id: 'monitoring', title: 'Monitoring', module: 'monitoring.mjs', coming: 'Data drift and model drift over a stream of requests, alerts and retraining.' },
];

export async function loadView(id) {
  const view = views.find((v) => v.id === id) ?? views[0];
  if (!view.module) return { view, render: (el) => renderComing(el, view) };
  const mod = await import(`./${view.module}`);
  return { view, render: mod.render };
}

function renderComing(el, view) {
  el.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = view.title;
  const p = document.createElement('p');
  p.className = 'placeholder';
  p.textContent = `Coming next: ${view.coming}`;
  el.append(h, p);
}
