// The reading options of a CSV, for the files the sniffing gets wrong: delimiter, header row,
// decimal separator, ragged rows, missing-value tokens and per-column types. Defaults let the
// core detect everything.
import { el } from './dom.mjs';

function field(id, label, control) {
  control.id = id;
  return [el('label', { for: id, text: label }), control];
}

function choice(options) {
  return el('select', {}, options.map(([value, text]) => el('option', { value, text })));
}

export function readingOptions() {
  const delimiter = choice([['auto', 'detect'], [',', 'comma (,)'], [';', 'semicolon (;)'], ['\\t', 'tab'], ['|', 'pipe (|)']]);
  const header = choice([['auto', 'detect'], ['yes', 'yes'], ['no', 'no']]);
  const decimal = choice([['auto', 'detect'], ['.', 'point (1.5)'], [',', 'comma (1,5)']]);
  const ragged = choice([['error', 'stop with an error'], ['skip', 'skip and count them']]);
  const missing = el('input', { value: 'NA, N/A, NaN, null, ?', size: '30' });
  const types = el('input', { placeholder: 'e.g. zip=categorical, day=datetime', size: '30' });
  const reread = el('button', { type: 'button', text: 'Re-read with these options', disabled: true });
  const details = el('details', { class: 'reading-options' },
    el('summary', { text: 'Reading options' }),
    el('div', { class: 'options-grid' },
      field('opt-delimiter', 'Delimiter', delimiter), field('opt-header', 'Header row', header),
      field('opt-decimal', 'Decimal separator', decimal), field('opt-ragged', 'Ragged rows', ragged),
      field('opt-missing', 'Missing values', missing), field('opt-types', 'Column types', types)),
    el('p', { class: 'placeholder', text: 'Empty fields are always missing. Types: integer, float, boolean, categorical, datetime.' }),
    reread);

  // The options as data.csv.begin takes them; throws on a malformed "col=type" list.
  function value() {
    const o = { ragged: ragged.value, missing: ['', ...missing.value.split(',').map((s) => s.trim()).filter(Boolean)] };
    if (delimiter.value !== 'auto') o.delimiter = delimiter.value;
    if (decimal.value !== 'auto') o.decimal = decimal.value;
    if (header.value !== 'auto') o.header = header.value === 'yes';
    const t = {};
    for (const part of types.value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [col, type] = part.split('=').map((s) => s?.trim());
      if (!col || !type) throw new Error(`Column types: write "column=type", got "${part}".`);
      t[col] = type;
    }
    if (Object.keys(t).length) o.types = t;
    return o;
  }
  return { element: details, value, reread };
}
