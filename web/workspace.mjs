// The page's handle on the workspace that lives in the core: the latest state for the views,
// commands applied through the core (so the core decides and logs), undo and redo, the role
// acting, autosave to IndexedDB after every change, export and import of the workspace file.
// Views listen with onChange(fn) and re-read `state`; they never change the workspace themselves.
import * as store from './persist.mjs';

export class WorkspaceStore extends EventTarget {
  constructor(client) {
    super();
    this.client = client;
    // {workspace: {datasets, tracking, models, log, clock, ...}, actor, blobs: [keys], counts,
    //  can_undo, can_redo, commands}; null until the core has answered once.
    this.state = null;
    this.saved = new Set(); // artifact keys already in IndexedDB
    this.restoreError = null; // set when the saved workspace could not be opened
    this.saving = Promise.resolve();
  }

  // Calls fn(state) after every change; returns a function that stops it. A view passes its own
  // element so the listener also stops once the view is gone.
  onChange(fn, element) {
    const listener = () => {
      if (element && !element.isConnected) { this.removeEventListener('change', listener); return; }
      fn(this.state);
    };
    this.addEventListener('change', listener);
    return () => this.removeEventListener('change', listener);
  }

  // Opens the workspace saved in this browser, if any. A saved workspace that does not open is
  // left in IndexedDB untouched and autosave stays off until the user starts a new one.
  async restore() {
    try {
      const saved = await store.load();
      if (saved) {
        const text = JSON.stringify({ ...saved.workspace, blobs: saved.blobs });
        await this.client.call('workspace.import', { text });
        for (const key of Object.keys(saved.blobs)) this.saved.add(key);
      }
    } catch (err) {
      this.restoreError = err;
    }
    await this.refresh();
  }

  async refresh() {
    this.state = await this.client.call('workspace.state', {});
    this.dispatchEvent(new CustomEvent('change', { detail: this.state }));
    return this.state;
  }

  // Applies one workspace command ({type: 'model.transition', ...}); returns the core's answer
  // ({seq, run?, name?, version?, reference?}). A refused command throws CoreError and changes nothing.
  async apply(command) {
    const out = await this.client.call('workspace.apply', { command });
    await this.changed();
    return out;
  }

  async undo() { const out = await this.client.call('workspace.undo', {}); await this.changed(); return out; }
  async redo() { const out = await this.client.call('workspace.redo', {}); await this.changed(); return out; }

  async setActor(actor) {
    await this.client.call('workspace.actor', { actor });
    await store.saveActor(actor).catch(() => {});
    await this.refresh();
  }

  async newWorkspace() {
    await this.client.call('workspace.new', {});
    await store.clear();
    this.saved.clear();
    this.restoreError = null;
    await this.changed();
  }

  // The workspace file as a Blob and its suggested name; gzip-compressed when large.
  async exportFile() {
    return this.client.call('workspace.export_file', {});
  }

  // Replaces the workspace with the file's; a damaged, foreign or newer file throws CoreError
  // and the current workspace stays as it was.
  async importFile(file) {
    const out = await this.client.call('workspace.import_file', { file });
    await store.clear();
    this.saved.clear();
    this.restoreError = null;
    await this.changed();
    return out;
  }

  // After anything that may have changed the workspace: new state for the views, then autosave.
  async changed() {
    await this.refresh();
    this.saving = this.saving.then(() => this.save()).catch((err) => {
      this.dispatchEvent(new CustomEvent('save-error', { detail: err }));
    });
    await this.saving;
  }

  async save() {
    if (this.restoreError || !this.state) return;
    const blobs = {};
    for (const key of this.state.blobs) {
      if (this.saved.has(key)) continue;
      const { kind, text, schema } = await this.client.call('workspace.blob', { key });
      blobs[key] = schema ? { kind, text, schema } : { kind, text };
    }
    await store.save(this.state.workspace, blobs);
    for (const key of Object.keys(blobs)) this.saved.add(key);
    this.dispatchEvent(new CustomEvent('saved'));
  }
}
