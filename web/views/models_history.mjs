// A registered model's history as tables: every stage transition of its versions (from, to,
// when, by which role, with what comment) and every move of its aliases, oldest first, as the
// registry recorded them.
import { el } from './dom.mjs';
import { timeCell } from './runs_format.mjs';

function table(title, columns, rows, empty) {
  if (!rows.length) return el('p', { class: 'placeholder', text: empty });
  return el('table', { class: 'history', 'aria-label': title }, el('caption', { text: title }),
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c })))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

export function stageHistory(model) {
  // Moves at one time come from one command (a promotion that archives, a rollback), where the
  // registry archives first and then promotes.
  const all = model.versions.flatMap((v) => v.history.map((h) => ({ ...h, version: v.number })))
    .sort((a, b) => a.time - b.time || (b.to === 'Archived') - (a.to === 'Archived') || a.version - b.version);
  return table(`Stage transitions of ${model.name}`, ['Version', 'From', 'To', 'When', 'By', 'Comment'],
    all.map((h) => [`${model.name}:${h.version}`, h.from, h.to, timeCell(h.time), h.by, h.comment]),
    `No stage transitions of ${model.name} yet.`);
}

export function aliasHistory(model) {
  const v = (n) => (n === null ? '' : `${model.name}:${n}`);
  return table(`Alias history of ${model.name}`, ['Alias', 'From', 'To', 'When', 'By'],
    model.alias_history.map((c) => [`@${c.alias}`, c.from_version === null ? '(new)' : v(c.from_version),
      c.to_version === null ? '(deleted)' : v(c.to_version), timeCell(c.time), c.by]),
    `No aliases of ${model.name} yet.`);
}
