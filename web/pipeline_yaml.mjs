// Pipeline specs in the page: YAML text -> the spec as JSON plus a map from each value's JSON
// pointer ("/stages/0/jobs/0/steps/3") to its {line, column}, so the core's errors name the line
// a student wrote. The same JSON and the same map as the CLI makes with yaml-cpp
// (cli/pipeline_yaml.cpp): plain scalars read as YAML 1.2's core schema (null, true, 12, 0.9),
// quoted and block scalars stay strings, a node is placed where its first token starts. npm yaml
// (vendored into the built page) does the parsing; it imports nothing else, so node runs it too.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from './vendor/yaml/index.js';

const INTEGER = /^[-+]?[0-9]+$/;
const REAL = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// A plain scalar as YAML 1.2's core schema reads it (cli/pipeline_yaml.cpp plain_scalar).
export function plainScalar(s) {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INTEGER.test(s)) {
    const big = BigInt(s);
    return big < INT64_MIN || big > INT64_MAX ? s : Number(big); // too large for an integer: keep the text
  }
  if (REAL.test(s)) return Number(s);
  return s;
}

const pointerToken = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

// Where yaml-cpp places a value that is absent ("key:" then nothing): at the next token, which
// is the next character that is neither blank nor part of a comment.
function nextTokenOffset(text, from) {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') {
      i++;
    } else break;
  }
  return i;
}

// yaml-cpp places a node with properties (an anchor &x, a tag !!str) at the first of them; npm
// yaml at the node itself. Steps back over the property tokens just before it.
function propertiesStart(text, node, offset) {
  if (!node.anchor && !node.tag) return offset;
  let start = offset;
  for (;;) {
    let end = start;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    let begin = end;
    while (begin > 0 && !/\s/.test(text[begin - 1])) begin--;
    if (begin === end || (text[begin] !== '&' && text[begin] !== '!')) return start;
    start = begin;
  }
}

class Converter {
  constructor(text, doc, lineCounter) {
    Object.assign(this, { text, doc, lineCounter, lines: {} });
  }

  place(pointer, offset) {
    const { line, col } = this.lineCounter.linePos(offset);
    this.lines[pointer] = { line, column: col };
  }

  convert(node, pointer) {
    if (isAlias(node)) node = node.resolve(this.doc) ?? null; // yaml-cpp shares the anchored node, and its place
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return this.scalar(node, pointer);
    this.place(pointer, propertiesStart(this.text, node, node.range[0]));
    if (isSeq(node)) return node.items.map((item, i) => this.convert(item, `${pointer}/${i}`));
    if (isMap(node)) {
      const out = {};
      for (const { key, value } of node.items) {
        const k = isScalar(key) ? String(key.source ?? key.value ?? '') : String(key ?? '');
        out[k] = this.convert(value, `${pointer}/${pointerToken(k)}`);
      }
      return out;
    }
    return null;
  }

  scalar(node, pointer) {
    const source = String(node.source ?? node.value ?? '');
    const absent = source === '' && node.type === 'PLAIN' && node.range[0] === node.range[1] && !node.tag;
    this.place(pointer, absent ? nextTokenOffset(this.text, node.range[0]) : propertiesStart(this.text, node, node.range[0]));
    // yaml-cpp: the non-specific tag "!" (quoted and block scalars have it) keeps the text.
    const nonSpecific = node.tag === '!' || (!node.tag && node.type !== 'PLAIN');
    return nonSpecific ? source : plainScalar(source);
  }
}

// {spec, lines: {pointer: {line, column}}, errors: [{code, message, line, column}]}. With errors
// (YAML syntax), spec and lines are null: there is nothing sound to check.
export function parseSpecText(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', prettyErrors: false });
  if (doc.errors.length) {
    return {
      spec: null,
      lines: null,
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(Math.max(0, e.pos?.[0] ?? 0));
        return { code: 'pipeline.yaml_syntax', message: `The spec is not valid YAML: ${e.message}`, line, column: col, yaml_code: e.code };
      }),
    };
  }
  const converter = new Converter(text, doc, lineCounter);
  const spec = converter.convert(doc.contents, '');
  return { spec, lines: converter.lines, errors: [] };
}
