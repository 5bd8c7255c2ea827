// IndexedDB storage of the workspace in this browser: one record with the workspace (registries
// and command log) and one record per artifact, so a save after a command writes only what is new.
const DB = 'mlplay';
const VERSION = 1;

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('workspace')) db.createObjectStore('workspace');
      if (!db.objectStoreNames.contains('blobs')) db.createObjectStore('blobs');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function transaction(stores, mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let result;
      Promise.resolve(work(tx)).then((r) => { result = r; });
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('The browser refused to save the workspace.'));
    });
  } finally {
    db.close();
  }
}

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

// {workspace, blobs: {key: {kind, text, schema?}}, actor} or null when nothing is saved.
export async function load() {
  return transaction(['workspace', 'blobs'], 'readonly', async (tx) => {
    const workspace = await request(tx.objectStore('workspace').get('current'));
    if (!workspace) return null;
    const keys = await request(tx.objectStore('blobs').getAllKeys());
    const values = await request(tx.objectStore('blobs').getAll());
    const blobs = {};
    keys.forEach((k, i) => { blobs[k] = values[i]; });
    const actor = await request(tx.objectStore('workspace').get('actor'));
    return { workspace, blobs, actor };
  });
}

// Writes the workspace and the artifacts not saved before, in one transaction.
export function save(workspace, blobs) {
  return transaction(['workspace', 'blobs'], 'readwrite', (tx) => {
    tx.objectStore('workspace').put(workspace, 'current');
    for (const [key, blob] of Object.entries(blobs)) tx.objectStore('blobs').put(blob, key);
  });
}

export function saveActor(actor) {
  return transaction(['workspace'], 'readwrite', (tx) => { tx.objectStore('workspace').put(actor, 'actor'); });
}

export async function loadActor() {
  return transaction(['workspace'], 'readonly', (tx) => request(tx.objectStore('workspace').get('actor')));
}

export function clear() {
  return transaction(['workspace', 'blobs'], 'readwrite', (tx) => {
    tx.objectStore('workspace').delete('current');
    tx.objectStore('blobs').clear();
  });
}
