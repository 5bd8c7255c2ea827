// The Data view: load a dataset, preview its rows, read its profile and warnings, register it as
// a dataset version and see the versions with their diffs. It shows what the core computed.
import { el } from './dom.mjs';
import { loadPanel } from './data_load.mjs';
import { previewTable } from './data_preview.mjs';
import { profileView } from './data_profile.mjs';
import { registerForm, versionsList } from './data_versions.mjs';

export async function render(container, app) {
  const { client } = app;
  // On the app, so it survives switching views and the Train view can use the loaded dataset.
  const state = (app.data ??= { current: null, profile: null });
  const currentBox = el('div', { class: 'current' });
  const versionsBox = el('section', { 'aria-labelledby': 'versions-heading' },
    el('h3', { id: 'versions-heading', text: 'Dataset versions' }));

  async function showVersions() {
    versionsBox.replaceChildren(versionsBox.firstChild, await versionsList(client));
  }

  async function showCurrent(timing) {
    const cur = state.current;
    if (!cur) {
      currentBox.replaceChildren(el('p', { class: 'placeholder', text: 'No dataset loaded yet: pick a built-in dataset or upload a CSV.' }));
      return;
    }
    const s = cur.summary;
    state.profile ??= await client.call('data.table.profile', { table: cur.table, target: cur.builtin?.target });
    currentBox.replaceChildren(
      el('h3', { id: 'current-heading', text: `${s.source}: ${s.rows.toLocaleString('en')} rows × ${s.columns.length} columns` }),
      el('p', { class: 'summary', text: `Delimiter ${s.delimiter === ',' ? 'comma' : JSON.stringify(s.delimiter)}, ${s.header ? 'header row' : 'no header row'}, decimal '${s.decimal}'${s.skipped_rows ? `, ${s.skipped_rows} ragged rows skipped` : ''}${timing ? `, read in ${timing.seconds.toFixed(2)} s` : ''}.` }),
      el('section', { 'aria-labelledby': 'preview-heading' }, el('h3', { id: 'preview-heading', text: 'Preview' }),
        previewTable(client, cur.table, s)),
      el('section', { 'aria-labelledby': 'profile-heading' }, el('h3', { id: 'profile-heading', text: 'Profile' }),
        profileView(state.profile, s.warnings)),
      el('section', { 'aria-labelledby': 'register-heading' }, el('h3', { id: 'register-heading', text: 'Register a dataset version' }),
        registerForm(client, cur, () => { showVersions(); app.workspace.changed(); })));
  }

  const panel = loadPanel(client, {
    onLoaded: async (result, timing) => {
      const previous = state.current;
      state.current = result;
      state.profile = null;
      await showCurrent(timing);
      // The registry keeps registered tables; an unregistered replaced one can go.
      if (previous) client.call('data.table.drop', { table: previous.table }).catch(() => {});
    },
  });

  container.replaceChildren(el('h2', { text: 'Data' }), panel, currentBox, versionsBox);
  // Undo, redo, import and a new workspace change the registry under this view.
  app.workspace.onChange(() => showVersions(), versionsBox);
  await Promise.all([showCurrent(), showVersions()]);
}
