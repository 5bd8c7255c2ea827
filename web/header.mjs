// The header's workspace bar: the role acting, undo and redo (buttons and Ctrl+Z / Ctrl+Shift+Z),
// export, import and a new workspace (asked first), and whether the workspace is saved in this
// browser. The core decides and logs; this only asks and shows.
import { el } from './views/dom.mjs';

const ROLES = ['Data Scientist', 'ML Engineer', 'Approver'];

function describe(command) {
  if (!command) return '';
  const ref = command.name && command.version ? ` ${command.name}:${command.version}` : command.name ? ` ${command.name}` : '';
  return `${command.type}${ref}`;
}

function confirmDialog(message, yes, no) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { class: 'confirm', 'aria-label': 'Confirm' },
      el('p', { text: message }),
      el('form', { method: 'dialog', class: 'row' },
        el('button', { value: 'yes', class: 'primary', text: yes }), ' ', el('button', { value: 'no', text: no, autofocus: true })));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'yes'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function download(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: name.endsWith('.gz') ? 'application/gzip' : 'application/json' }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function setupHeader(app) {
  const ws = app.workspace;
  const role = el('select', { id: 'role', 'aria-label': 'Acting as' }, ROLES.map((r) => el('option', { value: r, text: r })));
  const undo = el('button', { type: 'button', id: 'undo', text: 'Undo', disabled: true, 'aria-keyshortcuts': 'Control+Z' });
  const redo = el('button', { type: 'button', id: 'redo', text: 'Redo', disabled: true, 'aria-keyshortcuts': 'Control+Shift+Z' });
  const exportButton = el('button', { type: 'button', id: 'export-workspace', text: 'Export' });
  const fileInput = el('input', { type: 'file', id: 'import-file', accept: '.json,.gz,application/json,application/gzip', hidden: true });
  const importButton = el('button', { type: 'button', id: 'import-workspace', text: 'Import…' });
  const newButton = el('button', { type: 'button', id: 'new-workspace', text: 'New workspace' });
  const status = el('span', { id: 'workspace-status', role: 'status' });
  const alert = el('p', { id: 'workspace-alert', class: 'error', role: 'alert', hidden: true });
  const say = (text) => { alert.textContent = text; alert.hidden = !text; };

  const bar = el('div', { class: 'workspace-bar', role: 'toolbar', 'aria-label': 'Workspace' },
    el('label', { for: 'role', text: 'Acting as' }), role, undo, redo, exportButton, importButton, fileInput, newButton,
    status);
  document.querySelector('.app-header').append(bar, alert);

  // Each action reports its own failure; the workspace itself is only changed by the core.
  async function act(work) {
    say('');
    try {
      await work();
    } catch (err) {
      say(`${err.message}${err.code ? ` [${err.code}]` : ''}`);
    }
  }

  ws.onChange((state) => {
    undo.disabled = !state.can_undo;
    redo.disabled = !state.can_redo;
    const last = state.workspace.log.at(-1);
    undo.title = last ? `Undo ${describe(last.command)}` : 'Nothing to undo';
    role.value = ROLES.includes(state.actor) ? state.actor : role.value;
    const c = state.counts;
    status.textContent = `${c.runs} runs · ${c.model_versions} model versions · ${c.dataset_versions} dataset versions`;
    if (ws.restoreError) say(`The workspace saved in this browser could not be opened: ${ws.restoreError.message} It is kept as it was; start a new workspace to replace it.`);
  });
  ws.addEventListener('saved', () => { status.dataset.saved = 'yes'; status.title = 'Saved in this browser'; });
  ws.addEventListener('save-error', (e) => say(`The workspace could not be saved in this browser: ${e.detail?.message ?? e.detail}`));

  role.addEventListener('change', () => act(() => ws.setActor(role.value)));
  undo.addEventListener('click', () => act(async () => {
    const r = await ws.undo();
    status.textContent = r.undone ? `Undid ${describe(r.undone)}` : status.textContent;
  }));
  redo.addEventListener('click', () => act(async () => {
    const r = await ws.redo();
    status.textContent = r.redone ? `Redid ${describe(r.redone)}` : status.textContent;
  }));
  exportButton.addEventListener('click', () => act(async () => {
    const file = await ws.exportFile();
    download(file.bytes, file.name);
    status.textContent = `Exported ${file.name} (${(file.size / 1024).toFixed(1)} KB${file.compressed ? ', compressed' : ''})`;
  }));
  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => act(async () => {
    const file = fileInput.files[0];
    fileInput.value = '';
    if (!file) return;
    try {
      const r = await ws.importFile(file);
      status.textContent = `Imported ${file.name}: ${r.runs} runs, ${r.model_versions} model versions, ${r.dataset_versions} dataset versions`;
      if (r.missing?.length) say(`Imported, but these artifacts were not in the file: ${r.missing.join(', ')}.`);
    } catch (err) {
      err.message = `Import of ${file.name} failed: ${err.message} Your workspace is unchanged.`;
      throw err;
    }
  }));
  newButton.addEventListener('click', () => act(async () => {
    const ok = await confirmDialog('Start a new, empty workspace? Runs, models and dataset versions of this one are removed from this browser (export it first to keep a copy).', 'Start a new workspace', 'Keep this one');
    if (ok) await ws.newWorkspace();
  }));
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' && e.key.toLowerCase() !== 'y') return;
    if (e.target.closest('input, textarea, select, [contenteditable]')) return;  // their own undo
    e.preventDefault();
    const wantRedo = e.key.toLowerCase() === 'y' || e.shiftKey;
    (wantRedo ? redo : undo).click();
  });
  app.workspaceReady.then(async () => {
    const saved = await import('./persist.mjs').then((p) => p.loadActor()).catch(() => null);
    if (saved && saved !== ws.state.actor) await ws.setActor(saved).catch(() => {});
  });
}
