// One pipeline run as a CI page shows it: stages > jobs > steps, each with its status (an icon
// and a word), simulated start and duration, its timestamped log to expand and, for a failed
// step, the reason; what the run registered (the model version, its lineage, the training run,
// the dataset version); the cost meter; the whole CI-style log. The core runs a pipeline in one
// call, so a run just made is replayed: the steps appear one by one in simulated time order,
// quickly, so a class sees the order ("Show the whole run now" skips ahead).
import { el } from './dom.mjs';
import { costMeter } from './pipelines_cost.mjs';
import { clockText, durationText, money, statusChip, stepDuration, triggerText } from './pipelines_format.mjs';
import { datasetLink, modelLineageLink, runLink, timeCell } from './runs_format.mjs';

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function stepItem(run, step, index) {
  const offset = step.started === null ? null : step.started - run.started;
  const log = step.log ?? [];
  return el('li', { class: 'pstep', 'data-index': String(index), 'data-status': step.status, 'data-kind': step.kind },
    el('div', { class: 'pstep-head' },
      el('span', { class: 'pstep-status' }, statusChip(step.status)),
      el('span', { class: 'pstep-name', text: step.name }),
      el('code', { class: 'pstep-kind', text: step.kind }),
      el('span', { class: 'pstep-time', text: offset === null ? 'did not run' : `started ${clockText(step.started)} (+${durationText(offset)}), took ${stepDuration(step)}` })),
    step.error ? el('p', { class: 'pstep-error error', text: `${step.error.message} [${step.error.code}]` }) : null,
    step.status === 'skipped' ? el('p', { class: 'help', text: 'Skipped: an earlier step failed.' }) : null,
    log.length ? el('details', { class: 'pstep-log' },
      el('summary', { text: `Log of ${step.name} (${log.length} lines)` }),
      el('pre', { class: 'ci-log', text: log.map((l) => `[${clockText(l.time)}] ${l.text}`).join('\n') })) : null);
}

// What the run made, as links to where it lives now.
function outputs(run) {
  const items = [];
  for (const s of run.steps) {
    const o = s.outputs ?? {};
    if (o.model?.reference) {
      items.push(el('li', {}, 'Registered model version ', el('a', { href: '#/models', text: o.model.reference, title: 'Open the Models view' }),
        ' (in the Models view); ', modelLineageLink(o.model.name, o.model.version, `lineage of ${o.model.reference}`), '.'));
    }
    if (o.run) items.push(el('li', {}, 'Training run ', runLink(o.run), o.metrics?.accuracy !== undefined ? ` (accuracy ${o.metrics.accuracy.toPrecision(3)})` : '', ` in ${o.experiment ?? 'its experiment'}.`));
    if (o.dataset?.name) items.push(el('li', {}, 'Dataset version ', datasetLink(o.dataset), o.dataset.created ? ' (registered by this run).' : ' (the same data was already registered).'));
    if (o.artifact?.name) items.push(el('li', { text: `Pipeline artifact ${o.artifact.name}: ${(o.artifact.files ?? []).join(', ')}.` }));
  }
  return items.length ? el('ul', { class: 'run-outputs', 'aria-label': 'What the run made' }, items) : null;
}

function failureReason(run) {
  const failed = run.steps.find((s) => s.status === 'failed' && !s.continue_on_error);
  if (failed) return el('p', { class: 'run-failure error' }, el('strong', { text: `Failed at step "${failed.name}": ` }), `${failed.error?.message ?? ''} [${failed.error?.code ?? ''}]`);
  if (run.status === 'failed' && run.error) return el('p', { class: 'run-failure error', text: `${run.error.message} [${run.error.code}]` });
  return null;
}

// run: the core's record; extra: {cloud, totalCost, logText}. Returns {element, replay(), skip()}.
export function runView(run, { cloud, totalCost, logText } = {}) {
  const titleId = 'pipeline-run-title';
  const headStatus = el('span', { class: 'run-status' }, statusChip(run.status));
  const summary = `${run.id} ${run.status} in ${durationText(run.finished - run.started)} of simulated time.`;
  const announce = el('p', { class: 'replay-status', 'aria-live': 'polite', text: summary });
  const skipButton = el('button', { type: 'button', text: 'Show the whole run now', hidden: true });
  const stepEls = [];
  const groupEls = [];  // [{element, status, last step index}] for stages and jobs
  let index = 0;
  const stages = (run.stages ?? []).map((stage) => {
    const jobs = stage.jobs.map((job) => {
      const steps = run.steps.filter((s) => s.stage === stage.name && s.job === job.name);
      const items = steps.map((s) => { const li = stepItem(run, s, index++); stepEls.push(li); return li; });
      const chip = el('span', { class: 'group-status' }, statusChip(job.status));
      const li = el('li', { class: 'pjob' }, el('h5', {}, `Job ${job.name} `, chip),
        el('ol', { class: 'psteps', 'aria-label': `Steps of ${job.name}` }, items));
      groupEls.push({ chip, status: job.status, last: index - 1 });
      return li;
    });
    const chip = el('span', { class: 'group-status' }, statusChip(stage.status));
    groupEls.push({ chip, status: stage.status, last: index - 1 });
    return el('li', { class: 'pstage' }, el('h4', {}, `Stage ${stage.name} `, chip), el('ol', { class: 'pjobs', 'aria-label': `Jobs of stage ${stage.name}` }, jobs));
  });
  const facts = [
    ['Trigger', triggerText(run.trigger)],
    ['Requested by', run.requested_by ?? '—'],
    ['Started', timeCell(run.started)],
    ['Finished', timeCell(run.finished)],
    ['Duration', `${durationText(run.finished - run.started)} (simulated)`],
    ['Injected failures', (run.failures ?? []).length ? run.failures.join(', ') : 'none'],
    ['Compute cost', money(run.cost?.total ?? 0, run.cost?.currency)],
  ];
  const body = el('div', { class: 'run-body' },
    failureReason(run), outputs(run), costMeter(run, cloud, totalCost),
    logText ? el('details', { class: 'run-full-log' }, el('summary', { text: `Whole log of ${run.id}` }), el('pre', { class: 'ci-log', text: logText })) : null);
  const element = el('section', { class: 'pipeline-run', 'aria-labelledby': titleId, 'data-run': run.id },
    el('div', { class: 'row' }, el('h3', { id: titleId, text: `Pipeline run ${run.id}` }), headStatus, skipButton),
    el('dl', { class: 'run-facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])),
    announce,
    el('ol', { class: 'pstages', 'aria-label': `Stages of ${run.id}` }, stages),
    body);

  let skipping = false;
  function finish() {
    for (const li of stepEls) li.hidden = false;
    for (const g of groupEls) g.chip.replaceChildren(statusChip(g.status));
    headStatus.replaceChildren(statusChip(run.status));
    body.hidden = false;
    skipButton.hidden = true;
    announce.textContent = summary;
  }

  // Shows the steps one by one: each appears running, then with its status; a step's time on
  // screen grows with its simulated duration, from 0.12 s to 0.45 s.
  async function replay() {
    skipping = false;
    skipButton.hidden = false;
    body.hidden = true;
    headStatus.replaceChildren(statusChip('running'));
    for (const g of groupEls) g.chip.replaceChildren(statusChip('pending'));
    for (const li of stepEls) li.hidden = true;
    for (const [i, li] of stepEls.entries()) {
      if (skipping) break;
      const step = run.steps[i];
      const chip = li.querySelector('.pstep-status');
      li.hidden = false;
      li.dataset.status = step.status === 'skipped' ? 'skipped' : 'running';
      chip.replaceChildren(statusChip(step.status === 'skipped' ? 'skipped' : 'running'));
      announce.textContent = `Step ${i + 1} of ${stepEls.length}: ${step.name} ${step.status === 'skipped' ? 'skipped' : 'running'}`;
      const seconds = step.started === null ? 0 : step.finished - step.started;
      await wait(step.status === 'skipped' ? 60 : Math.min(450, 120 + seconds * 1.5));
      li.dataset.status = step.status;
      chip.replaceChildren(statusChip(step.status));
      for (const g of groupEls) if (g.last === i) g.chip.replaceChildren(statusChip(g.status));
    }
    finish();
  }
  skipButton.addEventListener('click', () => { skipping = true; finish(); });
  return { element, replay, skip: () => { skipping = true; finish(); } };
}
