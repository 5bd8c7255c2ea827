// The variable library of the Pipelines view: each variable group (IRISBuildVG) as an editable
// table of name and value, with rows to add and remove; Save applies variables.set_group, a
// logged workspace command, so the next run's $(ml.computeName) reads the new value. Edits in
// progress survive redraws; a saved change from elsewhere (undo) shows when nothing is edited.
import { el } from './dom.mjs';
import { idFor } from './models_version.mjs';
import { errorText } from './runs_format.mjs';

function groupEditor(app, group) {
  const id = (...what) => idFor('vg', group.name, ...what);
  const body = el('tbody');
  const status = el('p', { class: 'vg-status', 'aria-live': 'polite' });
  let rowCount = 0;
  let dirty = false;

  function addRow(name = '', value = '') {
    const n = ++rowCount;
    const nameInput = el('input', { id: id('name', n), class: 'vg-name', size: '24', autocomplete: 'off', spellcheck: 'false', value: name, 'aria-label': `Name of variable ${n} in ${group.name}` });
    const valueInput = el('input', { id: id('value', n), class: 'vg-value', size: '28', autocomplete: 'off', spellcheck: 'false', value, 'aria-label': name ? `Value of ${name}` : `Value of variable ${n} in ${group.name}` });
    const remove = el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ${name || `variable ${n}`} from ${group.name}` });
    const tr = el('tr', {}, el('td', {}, nameInput), el('td', {}, valueInput), el('td', {}, remove));
    remove.addEventListener('click', () => { tr.remove(); dirty = true; });
    body.append(tr);
    return nameInput;
  }

  function fill(g) {
    body.replaceChildren();
    rowCount = 0;
    for (const [k, v] of Object.entries(g.variables)) addRow(k, v);
    dirty = false;
  }

  const form = el('form', { class: 'vg-form', 'aria-label': `Variable group ${group.name}` },
    el('h4', { text: group.name }),
    group.description ? el('p', { class: 'help', text: group.description }) : null,
    el('table', { class: 'vg-table', 'aria-label': `Variables of ${group.name}` },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Name' }), el('th', { scope: 'col', text: 'Value' }), el('th', { scope: 'col', text: '' }))),
      body),
    el('div', { class: 'row' },
      el('button', { type: 'button', text: 'Add variable', onclick: () => { dirty = true; addRow().focus(); } }),
      el('button', { type: 'submit', text: `Save ${group.name}` })),
    status);
  form.addEventListener('input', () => { dirty = true; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const variables = {};
    for (const tr of body.rows) {
      const name = tr.querySelector('.vg-name').value.trim();
      if (name) variables[name] = tr.querySelector('.vg-value').value;
    }
    status.replaceChildren();
    try {
      await app.client.call('variables.set_group', { name: group.name, variables, ...(group.description ? { description: group.description } : {}) });
      dirty = false;
      await app.workspace.changed();
      status.replaceChildren(el('span', { class: 'ok', text: `Saved ${group.name}: ${Object.keys(variables).length} variables. The next run reads them.` }));
    } catch (err) {
      status.replaceChildren(el('span', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  });
  fill(group);
  return {
    element: form,
    update(g) { if (!dirty && JSON.stringify(g.variables) !== JSON.stringify(group.variables)) { group = g; fill(g); } },
  };
}

// The groups shipped with the page (pipelines/variables/) that the workspace lacks (a new
// workspace, an undo), each with a button that adds it.
function missingGroups(app, shipped, groups) {
  const missing = Object.entries(shipped).filter(([name]) => !groups.some((g) => g.name === name));
  return missing.map(([name, g]) => el('p', { class: 'placeholder' }, `${name} is not in this workspace; a run adds it from its file, or `,
    el('button', {
      type: 'button', text: `Add ${name}`,
      onclick: async () => {
        await app.client.call('variables.set_group', { name, variables: g.variables ?? g, ...(g.description ? { description: g.description } : {}) });
        await app.workspace.changed();
      },
    }), '.'));
}

// The library as the core lists it (variables.groups); keeps one editor per group across redraws.
// shipped: {NAME: group file} from pipelines/variables/.
export function variableLibrary(app, shipped = {}) {
  const editors = new Map();
  const list = el('div', { class: 'vg-list' });
  const element = el('section', { class: 'pipeline-variables', 'aria-labelledby': 'pipeline-variables-title' },
    el('h3', { id: 'pipeline-variables-title', text: 'Variable library' }),
    el('p', { class: 'help', text: 'A pipeline names a variable group (variables: - group: IRISBuildVG) and reads its values as $(ml.computeName). Change a value, save the group, and run again.' }),
    list);
  async function refresh() {
    const { groups } = await app.client.call('variables.groups', {});
    for (const g of groups) {
      if (!editors.has(g.name)) editors.set(g.name, groupEditor(app, g));
      else editors.get(g.name).update(g);
    }
    for (const name of [...editors.keys()]) if (!groups.some((g) => g.name === name)) editors.delete(name);
    list.replaceChildren(...groups.map((g) => editors.get(g.name).element), ...missingGroups(app, shipped, groups));
    if (!list.childElementCount) list.append(el('p', { class: 'placeholder', text: 'No variable groups in this workspace yet.' }));
  }
  return { element, refresh };
}
