// The parameter form of a model family, generated from the family's schema in the core (name,
// kind, default, range, one line of help), so the form, the CLI's --help and validation agree.
import { el } from './dom.mjs';

function control(p, id) {
  if (p.kind === 'choice') {
    return el('select', { id, name: p.name }, p.choices.map((c) => el('option', { value: c, text: c, selected: c === p.default })));
  }
  if (p.kind === 'bool') return el('input', { id, name: p.name, type: 'checkbox', checked: !!p.default });
  return el('input', {
    id, name: p.name, type: 'number', inputmode: p.kind === 'int' ? 'numeric' : 'decimal',
    step: p.kind === 'int' ? '1' : 'any', min: p.min ?? undefined, max: p.max ?? undefined,
    value: p.default ?? '', placeholder: p.nullable ? 'none' : undefined,
  });
}

// Returns {element, values()} where values() gives {name: value} with nulls for empty nullable fields.
export function paramsForm(schema, task) {
  const params = schema.params.filter((p) => !p.tasks?.length || p.tasks.includes(task));
  const rows = params.map((p) => {
    const id = `param-${p.name}`;
    const help = el('small', { id: `${id}-help`, class: 'help', text: p.help + (p.nullable ? ' Leave empty for none.' : '') });
    const input = control(p, id);
    input.setAttribute('aria-describedby', help.id);
    return { p, input, nodes: [el('label', { for: id, text: p.name }), el('div', {}, input, help)] };
  });
  const element = el('fieldset', { class: 'params' }, el('legend', { text: `${schema.display_name} parameters` }),
    el('p', { class: 'help', text: schema.help }), el('div', { class: 'params-grid' }, rows.flatMap((r) => r.nodes)));
  function values() {
    const out = {};
    for (const { p, input } of rows) {
      if (p.kind === 'bool') out[p.name] = input.checked;
      else if (p.kind === 'choice') out[p.name] = input.value;
      else if (input.value === '') { if (p.nullable) out[p.name] = null; }
      else out[p.name] = Number(input.value);
    }
    return out;
  }
  return { element, values };
}
