// A registered model's aliases (IRIS@champion): the ones it has, each with a Delete button, and a
// form that sets an alias on a version, which moves it when it already names another version
// (model.set_alias, model.delete_alias). The registry keeps the history of every move.
import { el } from './dom.mjs';
import { errorText } from './runs_format.mjs';
import { idFor } from './models_version.mjs';

export function aliasesBlock(app, model, report) {
  const alert = el('div', { class: 'error', role: 'alert' });
  const act = async (command, done) => {
    alert.replaceChildren();
    try {
      await app.workspace.apply(command);
      report(done);
    } catch (err) {
      alert.textContent = errorText(err);
    }
  };
  const current = Object.entries(model.aliases);
  const list = current.length
    ? el('ul', { class: 'alias-list', 'aria-label': `Aliases of ${model.name}` }, current.map(([alias, n]) => {
      const del = el('button', { type: 'button', id: idFor('alias', model.name, alias, 'delete'), class: 'small', text: 'Delete', 'aria-label': `Delete alias @${alias}` });
      del.addEventListener('click', () => act({ type: 'model.delete_alias', name: model.name, alias }, `Deleted ${model.name}@${alias}.`));
      return el('li', {}, el('span', { class: 'alias', text: `@${alias}` }), ` → ${model.name}:${n} `, del);
    }))
    : el('p', { class: 'placeholder', text: 'No aliases yet. An alias such as champion names the version to serve: IRIS@champion.' });

  const nameId = idFor('alias', model.name, 'name');
  const versionId = idFor('alias', model.name, 'version');
  const name = el('input', { id: nameId, size: '14', placeholder: 'champion', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9_\\-]+' });
  const version = el('select', { id: versionId }, [...model.versions].reverse().map((v) => el('option', { value: String(v.number), text: `${model.name}:${v.number}` })));
  const form = el('form', { class: 'row alias-form', 'aria-label': `Set an alias of ${model.name}` },
    el('label', { for: nameId, text: 'Alias' }), name, el('label', { for: versionId, text: 'on version' }), version,
    el('button', { type: 'submit', id: idFor('alias', model.name, 'set'), text: 'Set alias' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const alias = name.value.trim().replace(/^@/, '');
    const n = Number(version.value);
    const was = model.aliases[alias];
    const done = was === undefined ? `Set ${model.name}@${alias} on ${model.name}:${n}.`
      : was === n ? `${model.name}@${alias} already names ${model.name}:${n}.`
        : `Moved ${model.name}@${alias} from ${model.name}:${was} to ${model.name}:${n}.`;
    act({ type: 'model.set_alias', name: model.name, alias, version: n }, done);
  });
  return el('div', { class: 'aliases' }, el('h4', { text: 'Aliases' }), list, form, alert);
}
