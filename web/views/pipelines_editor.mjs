// The spec editor of the Pipelines view: a pick of the specs shipped with the page
// (pipelines/index.json), a textarea with line numbers that mark the lines with problems, and the
// list of problems, each naming its line; clicking one puts the caret on that line. It only
// edits text: parsing and checking are the view's (pipeline_yaml.mjs, pipeline.validate).
import { el } from './dom.mjs';

// The offset where line `line` (1-based) starts, and where it ends.
function lineSpan(text, line) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return { start: text.length, end: text.length };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end < 0 ? text.length : end };
}

// specs: [{file, name, description, default?}]. onPick(file) when another spec is chosen.
export function specEditor({ specs, file, text, onPick, onInput }) {
  const pick = el('select', { id: 'pipeline-spec-file' },
    specs.map((s) => el('option', { value: s.file, text: `${s.name} (${s.file})` })));
  pick.value = file;
  const about = el('p', { class: 'help', id: 'pipeline-spec-about' });
  const gutter = el('pre', { class: 'spec-gutter', 'aria-hidden': 'true' });
  const area = el('textarea', {
    id: 'pipeline-spec-text', class: 'spec-text', rows: '24', cols: '90', spellcheck: 'false', wrap: 'off',
    autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': 'pipeline-spec-about pipeline-spec-problems',
  });
  area.value = text;
  const problems = el('div', { id: 'pipeline-spec-problems', class: 'spec-problems', 'aria-live': 'polite' });
  let marked = new Set();

  function drawGutter() {
    const n = area.value.split('\n').length;
    const rows = [];
    for (let i = 1; i <= n; i++) rows.push(marked.has(i) ? `! ${i}` : String(i));
    gutter.textContent = rows.join('\n');
    gutter.scrollTop = area.scrollTop;
  }

  function describe() {
    const s = specs.find((x) => x.file === pick.value);
    about.textContent = s?.description ?? '';
  }

  // Puts the caret at the start of `line`, selects the line and scrolls it into view.
  function goToLine(line, column = 1) {
    const { start, end } = lineSpan(area.value, line);
    area.focus();
    area.setSelectionRange(Math.min(start + Math.max(0, column - 1), end), end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
    drawGutter();
  }

  // problems: [{code, message, line?, column?, where?}] with `where` the step or field it names.
  function showProblems(title, list, { ok = false } = {}) {
    marked = new Set(list.filter((p) => p.line).map((p) => p.line));
    drawGutter();
    if (!title) { problems.replaceChildren(); return; }
    problems.replaceChildren(el('div', {},
      el('p', { class: ok ? 'ok' : 'error', role: ok ? 'status' : 'alert', text: title }),
      list.length ? el('ul', { class: 'spec-problem-list', 'aria-label': 'Problems in the spec' }, list.map((p) => el('li', {},
        p.line ? el('button', {
          type: 'button', class: 'spec-problem', 'data-line': String(p.line),
          onclick: () => goToLine(p.line, p.column),
        }, el('strong', { text: `line ${p.line}${p.column ? `, column ${p.column}` : ''}` }), `: ${p.message}`)
          : el('span', { class: 'spec-problem', text: p.message }),
        p.code ? el('code', { class: 'code', text: ` [${p.code}]` }) : null))) : null));
  }

  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  area.addEventListener('input', () => { drawGutter(); onInput?.(area.value); });
  pick.addEventListener('change', () => { describe(); onPick(pick.value); });
  describe();
  drawGutter();

  const element = el('div', { class: 'spec-editor' },
    el('div', { class: 'row' }, el('label', { for: pick.id, text: 'Pipeline spec' }), pick),
    about,
    el('label', { for: area.id, class: 'spec-label', text: 'Spec (YAML)' }),
    el('div', { class: 'spec-box' }, gutter, area),
    problems);
  return {
    element,
    get text() { return area.value; },
    setText(value) { area.value = value; area.scrollTop = 0; drawGutter(); },
    get file() { return pick.value; },
    goToLine,
    showProblems,
  };
}
