// The Models view (#/models): the model registry. Each registered model with its versions
// (IRIS:1, IRIS:2, ...) as cards with stage and aliases, a Rollback of Production, its aliases,
// and the history of stage transitions and alias moves. Every change is a workspace command the
// core checks and logs as the role acting; refusals show where they were asked.
import { el } from './dom.mjs';
import { aliasesBlock } from './models_aliases.mjs';
import { aliasHistory, stageHistory } from './models_history.mjs';
import { idFor, versionCard } from './models_version.mjs';
import { errorText } from './runs_format.mjs';

function rollbackForm(app, model, report) {
  const production = model.versions.filter((v) => v.stage === 'Production').map((v) => `${model.name}:${v.number}`);
  const commentId = idFor('rollback', model.name, 'comment');
  const comment = el('input', { id: commentId, size: '28', autocomplete: 'off', placeholder: 'why' });
  const button = el('button', { type: 'submit', id: idFor('rollback', model.name, 'go'), text: 'Rollback', disabled: !production.length });
  const alert = el('div', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'rollback-form', 'aria-label': `Rollback ${model.name}` },
    el('p', {}, production.length ? `In Production: ${production.join(', ')}. ` : 'No version is in Production, so there is nothing to roll back. ',
      el('span', { class: 'help', text: 'Rollback archives the Production version and brings back the one that was in Production before it.' })),
    el('div', { class: 'row' }, el('label', { for: commentId, text: 'Comment' }), comment, button), alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.replaceChildren();
    const command = { type: 'model.rollback', name: model.name };
    if (comment.value.trim()) command.comment = comment.value.trim();
    try {
      await app.workspace.apply(command);
      report(`Rolled back ${model.name}: ${production.join(', ')} archived.`);
    } catch (err) {
      alert.textContent = errorText(err);
    }
  });
  return form;
}

function modelSection(app, model, report) {
  const titleId = idFor('model', model.name, 'title');
  const n = model.versions.length;
  return el('section', { class: 'registered-model', 'aria-labelledby': titleId },
    el('h3', { id: titleId, text: model.name }),
    el('p', { class: 'help', text: `${n} version${n === 1 ? '' : 's'}${model.description ? `: ${model.description}` : ''}` }),
    rollbackForm(app, model, report),
    aliasesBlock(app, model, report),
    el('h4', { text: 'Versions' }),
    el('div', { class: 'versions' }, [...model.versions].reverse().map((v) => versionCard(app, model, v, report))),
    el('h4', { text: 'History' }),
    el('div', { class: 'result-tables' }, stageHistory(model), aliasHistory(model)));
}

export async function render(container, app) {
  await app.workspaceReady;
  const status = el('p', { class: 'models-status ok', role: 'status' });
  const list = el('div', { class: 'models-list' });
  const root = el('div', { class: 'models-view' },
    el('h2', { text: 'Models' }),
    el('p', { class: 'help', text: 'Registered models and their versions (IRIS:1, IRIS:2), each in a stage: None, Staging, Production or Archived. Aliases such as @champion name a version.' }),
    status, list);
  const report = (text) => { status.textContent = text; };

  function draw(state) {
    const focused = document.activeElement?.id;
    const models = state?.workspace.models.models ?? [];
    list.replaceChildren(...(models.length ? models.map((m) => modelSection(app, m, report))
      : [el('p', { class: 'placeholder' }, 'No registered models yet: open a run in the ', el('a', { href: '#/runs', text: 'Runs' }), ' view and register its model.')]));
    // A redraw after a command gives focus back to the control that sent it.
    if (focused) document.getElementById(focused)?.focus();
  }

  app.workspace.onChange(draw, root);
  container.replaceChildren(root);
  draw(app.workspace.state);
}
