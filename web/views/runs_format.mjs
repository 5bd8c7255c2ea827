// The words the Runs, Models and Lineage views share: the simulated clock as a time, a run's
// model and dataset as people name them (Decision Tree, iris:1), key=value tags, and the links
// that join a run, a model version and a dataset version (#/runs/run-3, #/lineage/model/IRIS/2).
import { el } from './dom.mjs';
import { simTime } from '../sim_time.mjs';

export function timeCell(seconds) {
  return el('time', { title: `simulated clock: ${seconds} s`, text: simTime(seconds) });
}

// A metric or param value for a table cell.
export function show(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export const datasetRef = (d) => (d?.name ? `${d.name}:${d.version}` : '');
export const modelName = (run) => run.tags?.model || run.family;

// "model=Decision Tree, owner=ana" <-> {model: 'Decision Tree', owner: 'ana'}
export function tagsText(tags) {
  return Object.entries(tags ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function parseTags(text) {
  const tags = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    if (at < 1) throw new Error(`"${part}" is not a tag: write key=value, separated by commas.`);
    tags[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return tags;
}

const path = (...parts) => parts.map((p) => encodeURIComponent(String(p))).join('/');

export function runLink(id, text = id) {
  return el('a', { href: `#/runs/${path(id)}`, class: 'run-link', text });
}

export function datasetLink(d, text = datasetRef(d)) {
  if (!d?.name) return el('span', { class: 'muted', text: 'none' });
  return el('a', { href: `#/lineage/dataset/${path(d.name, d.version)}`, title: `Lineage of dataset version ${datasetRef(d)}`, text });
}

export function modelLineageLink(name, version, text = `${name}:${version}`) {
  return el('a', { href: `#/lineage/model/${path(name, version)}`, title: `Lineage of model version ${name}:${version}`, text });
}

export function stageBadge(stage) {
  return el('span', { class: `stage stage-${stage.toLowerCase()}`, text: stage });
}

export function aliasChip(alias) {
  return el('span', { class: 'alias', text: `@${alias}` });
}

// The part of the hash after the view's id ("#/runs/run-3" -> ["run-3"]). app.route holds it
// once app.mjs splits the hash; read the hash directly otherwise.
export function routeOf(app) {
  if (Array.isArray(app.route)) return app.route;
  return location.hash.replace(/^#\/?/, '').split('/').slice(1).map(decodeURIComponent);
}

// A refused command's sentence with its code, for a role="alert" element.
export function errorText(err) {
  return `${err.message}${err.code ? ` [${err.code}]` : ''}`;
}
