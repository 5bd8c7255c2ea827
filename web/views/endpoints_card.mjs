// One deployed endpoint (iris-uat, iris-prod) as a card: the model version it serves, its stage,
// its scoring URI in this page (live when the Service Worker answers it), the canary, the
// deployment history (deploy, redeploy, rollback, canary; by whom; which release), and forms to
// redeploy another version, roll back and set or remove a canary. Each change is a workspace
// command (endpoint.deploy, endpoint.rollback, endpoint.set_canary) that the core checks and logs.
import { el } from './dom.mjs';
import { errorText, timeCell } from './runs_format.mjs';

const idOf = (...parts) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');

function versionSelect(id, model, versions, chosen) {
  const select = el('select', { id }, versions.map((v) => el('option', { value: String(v.number), text: `${model}:${v.number} (${v.stage})` })));
  if (chosen !== undefined && versions.some((v) => v.number === chosen)) select.value = String(chosen);
  return select;
}

function historyTable(e) {
  if (!e.history.length) return el('p', { class: 'muted', text: 'No deployments yet.' });
  return el('table', { class: 'history deployment-history', 'aria-label': `Deployment history of ${e.name}` },
    el('caption', { text: 'Deployment history' }),
    el('thead', {}, el('tr', {}, ['When', 'Action', 'Version', 'By', 'Release'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, e.history.map((d) => el('tr', {},
      el('td', {}, timeCell(d.time)), el('td', { text: d.action }), el('td', { text: `${d.model}:${d.version}` }),
      el('td', { text: d.by }), el('td', {}, d.release ? el('a', { href: `#/releases/${d.release.replace(/^Release-/, '')}`, text: d.release }) : '—')))));
}

export function endpointCard(app, e, { versions, bridge, report }) {
  const id = (what) => idOf('ep', e.name, what);
  const alert = el('div', { class: 'error', role: 'alert' });
  async function run(command, done) {
    alert.replaceChildren();
    try {
      await app.workspace.apply(command);
      report(done);
    } catch (err) {
      alert.textContent = errorText(err);
    }
  }

  const others = versions.filter((v) => v.number !== e.version);
  const deployVersion = versionSelect(id('deploy-version'), e.model, versions, others.at(-1)?.number ?? e.version);
  const redeploy = el('form', { class: 'row endpoint-form', 'aria-label': `Redeploy ${e.name}` },
    el('label', { for: deployVersion.id, text: 'Version to deploy' }), deployVersion,
    el('button', { type: 'submit', id: id('deploy'), text: 'Deploy' }),
    el('button', { type: 'button', id: id('rollback'), text: 'Roll back', title: 'Back to the version that answered before this one',
      onclick: () => run({ type: 'endpoint.rollback', name: e.name }, `Rolled back ${e.name}.`) }));
  redeploy.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const version = Number(deployVersion.value);
    run({ type: 'endpoint.deploy', name: e.name, model: e.model, version, stage: e.stage }, `Deployed ${e.model}:${version} to ${e.name}.`);
  });

  const canaryVersion = versionSelect(id('canary-version'), e.model, others.length ? others : versions, e.canary?.version ?? others.at(-1)?.number);
  const percent = el('input', { id: id('canary-percent'), type: 'number', min: '0', max: '99.9', step: 'any', size: '5', value: String(e.canary?.percent ?? 10) });
  const seed = el('input', { id: id('canary-seed'), type: 'number', min: '0', step: '1', size: '5', value: String(e.canary?.seed ?? 0) });
  const canary = el('form', { class: 'row endpoint-form', 'aria-label': `Canary of ${e.name}` },
    el('label', { for: canaryVersion.id, text: 'Canary version' }), canaryVersion,
    el('label', { for: percent.id, text: 'Percent' }), percent,
    el('label', { for: seed.id, text: 'Seed' }), seed,
    el('button', { type: 'submit', id: id('canary-set'), text: 'Set canary' }),
    el('button', { type: 'button', id: id('canary-remove'), text: 'Remove canary', disabled: !e.canary,
      onclick: () => run({ type: 'endpoint.set_canary', name: e.name, version: e.canary.version, percent: 0 }, `Removed the canary of ${e.name}.`) }));
  canary.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const command = { type: 'endpoint.set_canary', name: e.name, version: Number(canaryVersion.value), percent: Number(percent.value), seed: Number(seed.value) || 0 };
    run(command, `${e.model}:${command.version} now answers ${command.percent}% of ${e.name}'s requests (seed ${command.seed}).`);
  });

  const uri = bridge?.url(e.name) ?? e.scoring_uri;
  const facts = [
    ['Model version', el('strong', { text: `${e.model}:${e.version}` })],
    ['Stage', e.stage || '—'],
    ['Scoring URI', el('span', {}, el('code', { class: 'scoring-uri', text: uri }), ' ',
      el('span', { class: bridge?.live ? 'ok' : 'muted', text: bridge?.live ? '(live in this page)' : '(not live: the console calls the core directly)' }))],
    ['Canary', e.canary ? `${e.model}:${e.canary.version} answers ${e.canary.percent}% of the requests (seed ${e.canary.seed})` : 'none'],
    ['Requests answered', String(e.requests ?? 0)],
  ];
  const titleId = id('title');
  return el('section', { class: 'endpoint-card', 'aria-labelledby': titleId, 'data-endpoint': e.name },
    el('header', { class: 'row' }, el('h3', { id: titleId, text: e.name }), e.stage ? el('span', { class: 'stage', text: e.stage }) : null),
    el('dl', { class: 'version-facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])),
    redeploy, canary, alert, historyTable(e));
}
