// The Train view: choose a dataset (a built-in, a dataset version or the loaded file), a target
// and features, a model family and its parameters, a split or cross-validation and a seed; train
// in the worker with progress and Cancel; see the results. The core infers the task and
// validates everything; this view only asks and shows.
import { el } from './dom.mjs';
import { paramsForm } from './train_params.mjs';
import { trainResults } from './train_results.mjs';

async function sourceOptions(client, app) {
  const [builtins, { datasets }] = await Promise.all([client.call('data.builtins'), client.call('data.dataset.list')]);
  const opts = [];
  if (app.data?.current) opts.push(el('option', { value: 'loaded', text: `Loaded file: ${app.data.current.summary.source}` }));
  for (const d of datasets) for (const v of d.versions) opts.push(el('option', { value: `version:${d.name}:${v.number}`, text: `Dataset version ${d.name}:${v.number}` }));
  for (const b of builtins) opts.push(el('option', { value: `builtin:${b.name}`, text: `Built-in: ${b.name}` }));
  return opts;
}

// A source as {table, summary, target?, dataset?}, loading it in the worker when needed.
async function resolveSource(client, app, value) {
  if (value === 'loaded') return { ...app.data.current, target: app.data.current.builtin?.target };
  if (value.startsWith('version:')) {
    const reference = value.slice('version:'.length);
    return { ...(await client.call('data.dataset.table', { reference })), reference };
  }
  const r = await client.call('data.load_builtin', { name: value.slice('builtin:'.length) });
  return { ...r, target: r.builtin.target };
}

export async function render(container, app) {
  const { client } = app;
  const st = (app.train ??= { result: null, families: null });
  st.families ??= await client.call('train.families');

  const source = el('select', { id: 'train-source' }, await sourceOptions(client, app));
  const target = el('select', { id: 'train-target' });
  const task = el('output', { id: 'train-task', 'aria-live': 'polite' });
  const features = el('fieldset', { class: 'features' }, el('legend', { text: 'Features' }));
  const family = el('select', { id: 'train-family' }, st.families.map((f) => el('option', { value: f.name, text: f.display_name })));
  family.value = 'random_forest';
  const paramsBox = el('div');
  const testSize = el('input', { id: 'train-test-size', type: 'number', min: '0.05', max: '0.9', step: '0.05', value: '0.25' });
  const split = el('select', { id: 'train-split' }, el('option', { value: 'random', text: 'random (stratified for classes)' }), el('option', { value: 'time', text: 'time-ordered (last rows are the test part)' }));
  const cv = el('input', { id: 'train-cv', type: 'number', min: '0', max: '20', step: '1', value: '0' });
  const seed = el('input', { id: 'train-seed', type: 'number', step: '1', value: '0' });
  // Every training is logged as a run of this experiment (MLflow's habit: one per dataset).
  const experiment = el('input', { id: 'train-experiment', type: 'text', required: true, pattern: '[A-Za-z0-9_. \\-]+', value: st.experiment ?? '' });
  const note = el('input', { id: 'train-note', type: 'text', placeholder: 'optional: what this run tries' });
  const trainButton = el('button', { type: 'submit', class: 'primary', text: 'Train' });
  const bar = el('progress', { max: '1', value: '0', 'aria-label': 'Training progress' });
  const barText = el('span', { class: 'progress-text' });
  const cancel = el('button', { type: 'button', text: 'Cancel training' });
  const progress = el('div', { class: 'progress', hidden: true }, bar, ' ', barText, ' ', cancel);
  const alert = el('div', { class: 'error', role: 'alert' });
  const resultsBox = el('div');
  let current = null;
  let params = null;
  let taskName = 'classification';
  let controller = null;

  function showParams() {
    const schema = st.families.find((f) => f.name === family.value);
    params = paramsForm(schema, taskName);
    paramsBox.replaceChildren(params.element);
  }

  async function updateTask() {
    task.textContent = '';  // shown again once the form below matches the new target
    const t = await client.call('train.task', { table: current.table, target: target.value });
    taskName = t.task;
    const allowed = st.families.filter((f) => f.tasks.includes(taskName)).map((f) => f.name);
    for (const o of family.options) o.disabled = !allowed.includes(o.value);
    if (!allowed.includes(family.value)) family.value = allowed[0];
    features.replaceChildren(features.firstChild, ...current.summary.columns.filter((c) => c.name !== target.value).map((c, i) => {
      const id = `feature-${i}`;
      return el('span', { class: 'feature' }, el('input', { type: 'checkbox', id, value: c.name, checked: true }), el('label', { for: id, text: `${c.name} (${c.type})` }));
    }));
    showParams();
    // Last, so the form is complete once the task shows.
    task.textContent = t.task === 'classification' ? `classification (${t.classes.length} classes: ${t.classes.slice(0, 8).join(', ')}${t.classes.length > 8 ? ', ...' : ''})` : 'regression';
  }

  async function loadSource() {
    alert.textContent = '';
    task.textContent = '';
    try {
      current = await resolveSource(client, app, source.value);
    } catch (err) {
      alert.textContent = err.message;
      return;
    }
    const cols = current.summary.columns.map((c) => c.name);
    target.replaceChildren(...cols.map((c) => el('option', { value: c, text: c })));
    target.value = current.target && cols.includes(current.target) ? current.target : cols[cols.length - 1];
    if (!st.experiment) experiment.value = `${datasetName(current).toUpperCase()}Experiment`;
    await updateTask();
  }

  async function train(e) {
    e.preventDefault();
    controller = new AbortController();
    alert.textContent = '';
    progress.hidden = false;
    trainButton.disabled = true;
    bar.value = 0;
    barText.textContent = 'Starting...';
    const args = {
      table: current.table, source: current.reference ?? current.summary.source, target: target.value,
      features: [...features.querySelectorAll('input:checked')].map((i) => i.value),
      family: family.value, params: params.values(), test_size: Number(testSize.value), split: split.value,
      cv: Number(cv.value), seed: Number(seed.value),
      ...(current.reference ? { dataset_version: current.reference } : {}),
      log: { experiment: experiment.value.trim(), ...(note.value.trim() ? { note: note.value.trim() } : {}) },
    };
    st.experiment = experiment.value.trim();
    try {
      st.result = await client.call('train.run', args, {
        signal: controller.signal,
        onProgress: ({ done, total, message }) => { bar.value = total ? done / total : 0; barText.textContent = message ?? ''; },
      });
      resultsBox.replaceChildren(loggedAs(st.result.run), trainResults(client, st.result));
      note.value = '';
      await app.workspace.changed();
    } catch (err) {
      alert.textContent = err.code === 'core.cancelled' ? 'Training cancelled.' : `Training failed: ${err.message}${err.code ? ` [${err.code}]` : ''}`;
    } finally {
      progress.hidden = true;
      trainButton.disabled = false;
      controller = null;
    }
  }

  source.addEventListener('change', loadSource);
  target.addEventListener('change', updateTask);
  family.addEventListener('change', showParams);
  cancel.addEventListener('click', () => controller?.abort());

  const form = el('form', { class: 'train-form', 'aria-label': 'Training setup' },
    el('div', { class: 'options-grid' },
      el('label', { for: 'train-source', text: 'Dataset' }), source,
      el('label', { for: 'train-target', text: 'Target' }), target,
      el('label', { for: 'train-task', text: 'Task' }), task,
      el('label', { for: 'train-family', text: 'Model' }), family,
      el('label', { for: 'train-split', text: 'Split' }), split,
      el('label', { for: 'train-test-size', text: 'Test size' }), testSize,
      el('label', { for: 'train-cv', text: 'Cross-validation folds' }), cv,
      el('label', { for: 'train-seed', text: 'Seed' }), seed,
      el('label', { for: 'train-experiment', text: 'Experiment' }), experiment,
      el('label', { for: 'train-note', text: 'Run note' }), note),
    features, paramsBox, el('div', { class: 'row' }, trainButton));
  form.addEventListener('submit', train);
  container.replaceChildren(el('h2', { text: 'Train' }), form, progress, alert, resultsBox);
  await loadSource();
  if (st.result) resultsBox.replaceChildren(loggedAs(st.result.run), trainResults(client, st.result));
}

// "iris" for a dataset version iris:2, a built-in iris or a file iris.csv.
function datasetName(current) {
  const name = current.reference?.split(':')[0] ?? current.builtin?.name ?? current.summary.source ?? 'data';
  return name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'data';
}

function loggedAs(run) {
  if (!run) return el('span');
  const d = run.dataset;
  return el('p', { class: 'logged-run', role: 'status' },
    'Logged as ', el('a', { href: `#/runs/${run.run}`, text: run.run }), ` in ${run.experiment}`,
    d ? ` on dataset version ${d.name}:${d.version}${run.dataset_created ? ' (registered now)' : ''}.` : '.');
}
