// Registering a loaded table as a dataset version (an explicit action with a name, a
// description and tags) and the registry's datasets with their versions and diffs.
import { el } from './dom.mjs';

// "format: CSV, source: kaggle" -> {format: "CSV", source: "kaggle"}
function parseTags(text) {
  const tags = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, ...rest] = part.split(':');
    tags[k.trim()] = rest.join(':').trim();
  }
  return tags;
}

export function registerForm(client, current, onRegistered) {
  const suggested = (current.builtin?.name ?? current.summary.source.replace(/\.[^.]*$/, '').split('/').pop())
    .replace(/[^A-Za-z0-9_.-]/g, '_').toUpperCase();
  const name = el('input', { id: 'reg-name', name: 'name', value: suggested, required: true, pattern: '[A-Za-z0-9_.\\-]+' });
  const description = el('input', { id: 'reg-desc', name: 'description', value: current.builtin?.description ?? '' });
  const tags = el('input', { id: 'reg-tags', name: 'tags', value: 'format: CSV' });
  const result = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'register-form', 'aria-label': 'Register a dataset version' },
    el('label', { for: 'reg-name', text: 'Dataset name' }), name,
    el('label', { for: 'reg-desc', text: 'Description' }), description,
    el('label', { for: 'reg-tags', text: 'Tags' }), tags,
    el('button', { type: 'submit', class: 'primary', text: 'Register version' }), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await client.call('data.dataset.register', {
        table: current.table, name: name.value.trim(), description: description.value, tags: parseTags(tags.value),
      });
      result.replaceChildren(el('p', { class: 'ok', text: r.created
        ? `Registered ${r.reference} (${r.rows} rows, hash ${r.hash.slice(0, 12)}).${r.diff ? ` Changes from the previous version: ${r.diff.summary}` : ''}`
        : `Same content as ${r.reference}: no new version.` }));
      onRegistered(r);
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: err.message }));
    }
  });
  return form;
}

export async function versionsList(client) {
  const { datasets } = await client.call('data.dataset.list');
  if (!datasets.length) return el('p', { class: 'placeholder', text: 'No dataset versions yet: load a dataset and register it.' });
  const blocks = [];
  for (const d of datasets) {
    const rows = [];
    for (const v of d.versions) {
      let diff = '';
      if (v.number > 1) diff = (await client.call('data.dataset.diff', { name: d.name, from: v.number - 1, to: v.number })).summary;
      rows.push(el('tr', {}, el('th', { scope: 'row', text: `${d.name}:${v.number}` }), el('td', { text: String(v.rows) }),
        el('td', { text: String(v.schema.columns.length) }), el('td', {}, el('code', { text: v.hash.slice(0, 12) })),
        el('td', { text: v.source ?? '' }), el('td', { text: diff || (v.number === 1 ? 'first version' : '') })));
    }
    const tags = Object.entries(d.tags).map(([k, v]) => `${k}: ${v}`).join(', ');
    blocks.push(el('section', { class: 'dataset', 'aria-label': `Dataset ${d.name}` },
      el('h4', { text: d.name }), d.description ? el('p', { text: d.description }) : null,
      tags ? el('p', { class: 'tags', text: `Tags: ${tags}` }) : null,
      el('table', { 'aria-label': `Versions of ${d.name}` },
        el('thead', {}, el('tr', {}, ['Version', 'Rows', 'Columns', 'Hash', 'Source', 'Changes'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows))));
  }
  return el('div', {}, blocks);
}
