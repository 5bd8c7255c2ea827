// Loading a dataset: a built-in by name, or a CSV by file picker or drag and drop. Parsing runs in
// the worker with a progress bar and a Cancel button; a failure shows the core's message with
// its line and column and leaves the previous dataset in place.
import { el, where } from './dom.mjs';
import { readingOptions } from './data_options.mjs';

export function loadPanel(client, { onLoaded, onError }) {
  const select = el('select', { id: 'builtin-select' });
  client.call('data.builtins').then((list) => {
    select.replaceChildren(...list.map((d) => el('option', { value: d.name, text: `${d.name} (${d.rows} rows, ${d.task})` })));
  });
  const loadButton = el('button', { type: 'button', class: 'primary', text: 'Load dataset' });
  const file = el('input', { id: 'csv-file', type: 'file', accept: '.csv,.tsv,.txt,text/csv' });
  const bar = el('progress', { max: '1', value: '0', 'aria-label': 'Reading progress' });
  const barText = el('span', { class: 'progress-text' });
  const cancel = el('button', { type: 'button', text: 'Cancel' });
  const progress = el('div', { class: 'progress', hidden: true }, bar, ' ', barText, ' ', cancel);
  const alert = el('div', { class: 'error', role: 'alert' });
  const drop = el('div', { class: 'dropzone' },
    el('label', { for: 'csv-file', text: 'Upload a CSV' }), ' ', file, el('span', { text: ' or drop a file here' }));
  const options = readingOptions();
  let controller = null;
  let last = null;  // what was read last, to re-read it with other options

  async function run(command, baseArgs, label) {
    let args;
    try {
      args = { ...baseArgs, options: options.value() };
    } catch (err) {
      alert.replaceChildren(el('p', { text: err.message }));
      return;
    }
    last = { command, baseArgs, label };
    options.reread.disabled = false;
    controller?.abort();
    controller = new AbortController();
    alert.textContent = '';
    bar.value = 0;
    barText.textContent = `Reading ${label}...`;
    progress.hidden = false;
    loadButton.disabled = true;
    const started = performance.now();
    try {
      const r = await client.call(command, args, {
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          bar.value = total ? done / total : 0;
          barText.textContent = `${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
        },
      });
      onLoaded(r, { seconds: (performance.now() - started) / 1000 });
    } catch (err) {
      if (err.code === 'core.cancelled') {
        alert.replaceChildren(el('p', { class: 'placeholder', text: `Cancelled reading ${label}; the previous dataset is still loaded.` }));
      } else {
        const place = where(err);
        alert.replaceChildren(el('p', {}, el('strong', { text: `Could not read ${label}` }),
          place ? ` (${place})` : '', `: ${err.message}`, err.code ? ` [${err.code}]` : ''));
        onError?.(err);
      }
    } finally {
      progress.hidden = true;
      loadButton.disabled = false;
      controller = null;
    }
  }

  const loadFile = (f) => f && run('data.load_file', { file: f, name: f.name }, f.name);
  loadButton.addEventListener('click', () => run('data.load_builtin', { name: select.value }, select.value));
  cancel.addEventListener('click', () => controller?.abort());
  options.reread.addEventListener('click', () => last && run(last.command, last.baseArgs, last.label));
  file.addEventListener('change', () => { loadFile(file.files[0]); file.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); loadFile(e.dataTransfer.files[0]); });

  return el('section', { class: 'load-panel', 'aria-labelledby': 'load-heading' },
    el('h3', { id: 'load-heading', text: 'Load a dataset' }),
    el('div', { class: 'row' }, el('label', { for: 'builtin-select', text: 'Built-in dataset' }), select, loadButton),
    drop, options.element, progress, alert);
}
