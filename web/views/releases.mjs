// The Releases view (#/releases, #/releases/2): continuous delivery of registered model versions
// as in the IRIS tutorial. A "New release" form, the release history (Release-N, its artifact,
// each stage's status, when and by whom), and one release's stages as boxes UAT -> PROD with
// their logs, smoke test and approval. The core runs the release (release.start, release.decide);
// this view asks as the role acting and shows what happened.
import { el } from './dom.mjs';
import { newReleaseForm } from './releases_form.mjs';
import { artifactOf, statusBadge } from './releases_format.mjs';
import { stageBox } from './releases_stage.mjs';
import { routeOf, timeCell } from './runs_format.mjs';

function historyTable(releases, selected) {
  const stageNames = [...new Set(releases.flatMap((r) => r.stages.map((s) => s.name)))];
  const head = ['Release', 'Artifact', ...stageNames, 'Status', 'Created', 'By'];
  return el('table', { class: 'release-history', 'aria-label': 'Release history' },
    el('caption', { text: 'Release history' }),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, [...releases].reverse().map((r) => {
      const byName = Object.fromEntries(r.stages.map((s) => [s.name, s.status]));
      return el('tr', { 'data-release': String(r.number), class: r.number === selected ? 'selected' : null },
        el('th', { scope: 'row' }, el('a', { href: `#/releases/${r.number}`, 'aria-current': r.number === selected ? 'true' : null, text: r.name })),
        el('td', { text: artifactOf(r) }),
        stageNames.map((n) => el('td', { 'data-stage': n }, byName[n] ? statusBadge(byName[n]) : '')),
        el('td', {}, statusBadge(r.status)),
        el('td', {}, timeCell(r.created)),
        el('td', { text: r.by }));
    })));
}

function releaseDetail(app, r, ctx) {
  const titleId = `release-${r.number}-title`;
  const failures = r.failures?.length ? r.failures.join(', ') : 'none';
  return el('article', { class: 'release-detail', 'aria-labelledby': titleId, 'data-release': String(r.number) },
    el('header', { class: 'row' }, el('h3', { id: titleId, text: r.name }), statusBadge(r.status)),
    el('p', {}, `Artifact ${artifactOf(r)}, created `, timeCell(r.created), ` by ${r.by}. Failure toggles: ${failures}.`),
    el('ol', { class: 'stage-boxes', 'aria-label': `Stages of ${r.name}` }, r.stages.map((s) => stageBox(app, r, s, ctx))));
}

export async function render(container, app) {
  await app.workspaceReady;
  const st = (app.releasesView ??= { selected: null });
  const routed = Number(routeOf(app)[0]);
  if (routed) st.selected = routed;
  const acting = el('p', { class: 'acting-line' });
  const status = el('p', { class: 'releases-status', 'aria-live': 'polite' });
  const historyBox = el('div', { class: 'table-scroll' });
  const detail = el('div');
  const kept = new Map(); // comment fields of approval forms, across redraws
  const keep = (id, make) => { if (!kept.has(id)) kept.set(id, make()); return kept.get(id); };
  const form = newReleaseForm(app, {
    onStarted: (release) => {
      st.selected = release.number;
      // The address names the release shown, without a hashchange that would redraw the view.
      history.replaceState(null, '', `#/releases/${release.number}`);
      draw(app.workspace.state);
    },
  });
  const root = el('div', { class: 'releases-view' },
    el('h2', { text: 'Releases' }),
    el('p', { class: 'help', text: 'A release takes a registered model version (the artifact, e.g. IRIS:2) through the release pipeline: deploy to UAT and smoke-test it, wait for a pre-deployment approval, then deploy to PROD. Times are on the simulated clock.' }),
    acting, form.element, status, historyBox, detail);

  function draw(state) {
    const focused = document.activeElement?.id;
    const releases = state?.workspace.releases?.releases ?? [];
    const actor = state?.actor ?? 'Data Scientist';
    acting.replaceChildren('Acting as ', el('strong', { text: actor }), ' (the header\'s "Acting as" sets who starts, approves and rejects).');
    form.update(state);
    if (!releases.some((r) => r.number === st.selected)) st.selected = releases.at(-1)?.number ?? null;
    historyBox.replaceChildren(releases.length ? historyTable(releases, st.selected)
      : el('p', { class: 'placeholder', text: 'No releases yet: pick a model version above and start one.' }));
    const r = releases.find((x) => x.number === st.selected);
    detail.replaceChildren(r ? releaseDetail(app, r, { actor, keep, report: (text) => { status.textContent = text; } }) : '');
    if (focused) document.getElementById(focused)?.focus();
  }

  app.workspace.onChange(draw, root);
  container.replaceChildren(root);
  draw(app.workspace.state);
}
