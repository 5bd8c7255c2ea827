// One model version (IRIS:2) as a card: its stage, aliases, who registered it and when, the run
// and dataset version it came from, and a form to move it to another stage with a comment and,
// when promoting, whether to archive the version that holds that stage now (on by default for
// Production, as in MLflow). The registry's rules are the core's; this only asks.
import { el } from './dom.mjs';
import { aliasChip, datasetLink, errorText, modelLineageLink, runLink, stageBadge, tagsText, timeCell } from './runs_format.mjs';

export const STAGES = ['None', 'Staging', 'Production', 'Archived'];
const NEXT = { None: 'Staging', Staging: 'Production', Production: 'Archived', Archived: 'Staging' };

// The ids of elements that may hold focus are stable, so a redraw can give focus back.
export const idFor = (...parts) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');

function transitionForm(app, model, v, report) {
  const ref = `${model.name}:${v.number}`;
  const id = (what) => idFor('mv', model.name, v.number, what);
  const stage = el('select', { id: id('stage') }, STAGES.filter((s) => s !== v.stage).map((s) => el('option', { value: s, text: s })));
  stage.value = NEXT[v.stage];
  const comment = el('input', { id: id('comment'), size: '28', autocomplete: 'off', placeholder: 'why' });
  const archive = el('input', { id: id('archive'), type: 'checkbox' });
  const archiveLabel = el('label', { for: archive.id });
  const alert = el('div', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', id: id('go'), text: 'Transition' });
  const holders = (s) => model.versions.filter((o) => o.stage === s && o.number !== v.number).map((o) => `${model.name}:${o.number}`);
  function syncArchive() {
    const s = stage.value;
    const promoting = s === 'Production' || s === 'Staging';
    archive.disabled = !promoting;
    archive.checked = s === 'Production';
    const now = promoting ? holders(s) : [];
    archiveLabel.textContent = promoting
      ? `Archive the current ${s} version${now.length ? ` (${now.join(', ')})` : ' (there is none now)'}`
      : 'Archive the current version in that stage (only when promoting)';
  }
  stage.addEventListener('change', syncArchive);
  syncArchive();
  const form = el('form', { class: 'transition-form', 'aria-label': `Transition ${ref}` },
    el('label', { for: stage.id, text: 'Move to stage' }), stage,
    el('label', { for: comment.id, text: 'Comment' }), comment,
    el('span', { class: 'archive' }, archive, archiveLabel), button, alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.replaceChildren();
    const command = { type: 'model.transition', name: model.name, version: v.number, stage: stage.value, archive_existing: archive.checked && !archive.disabled };
    if (comment.value.trim()) command.comment = comment.value.trim();
    button.disabled = true;
    try {
      await app.workspace.apply(command);
      report(`${ref} moved from ${v.stage} to ${command.stage}.`);
    } catch (err) {
      alert.textContent = errorText(err);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function versionCard(app, model, v, report) {
  const ref = `${model.name}:${v.number}`;
  const titleId = idFor('mv', model.name, v.number, 'title');
  const aliases = Object.entries(model.aliases).filter(([, n]) => n === v.number).map(([a]) => aliasChip(a));
  const rows = [
    ['Created by', v.created_by],
    ['Created', timeCell(v.created)],
    ['Run', runLink(v.run_id)],
    ['Dataset', datasetLink(v.dataset)],
    ['Description', v.description || '—'],
    ['Tags', tagsText(v.tags) || '—'],
    ['Lineage', modelLineageLink(model.name, v.number, `Lineage of ${ref}`)],
  ];
  return el('article', { class: `model-version version-${v.stage.toLowerCase()}`, 'aria-labelledby': titleId, 'data-version': String(v.number) },
    el('header', { class: 'row' }, el('h4', { id: titleId, text: ref }), stageBadge(v.stage), ...aliases),
    el('dl', { class: 'version-facts' }, rows.flatMap(([k, val]) => [el('dt', { text: k }), el('dd', {}, val)])),
    transitionForm(app, model, v, report));
}
