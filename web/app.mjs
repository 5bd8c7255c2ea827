// Wiring of the page: starts the core's worker, draws the navigation, shows the view named in
// the URL hash (#/data, #/train, ...) and the core's status line. Views only show and ask.
import { CoreClient } from './client.mjs';
import { views, loadView } from './views/index.mjs';
import { WorkspaceStore } from './workspace.mjs';
import { setupHeader } from './header.mjs';
import { EndpointBridge } from './endpoint_bridge.mjs';

const client = new CoreClient();
const workspace = new WorkspaceStore(client);
// app.workspaceReady resolves once the saved workspace (if any) is restored; views await it
// before reading app.workspace.state.
const app = { client, workspace, workspaceReady: client.ready.then(() => workspace.restore()) };
window.mlplay = app; // for the browser console and the browser tests
// Deployed endpoints answer at in-page URLs (fetch('endpoints/iris-prod/score')) through a Service
// Worker that asks this page's core; without one (file://, an old browser) views call the core.
app.endpoints = new EndpointBridge(app).start(navigator.serviceWorker?.register('./sw.mjs', { scope: './' }));

function drawNav(current) {
  const list = document.getElementById('nav-list');
  list.replaceChildren(...views.map((v) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#/${v.id}`;
    a.textContent = v.title;
    if (v.id === current) a.setAttribute('aria-current', 'page');
    li.append(a);
    return li;
  }));
}

async function show() {
  // "#/lineage/model/IRIS/2": the view id, then its own path in app.route.
  const [id, ...rest] = (location.hash.replace(/^#\/?/, '') || 'data').split('/');
  app.route = rest.map(decodeURIComponent);
  const { view, render } = await loadView(id);
  drawNav(view.id);
  document.title = `${view.title} · MLOps Playground`;
  const main = document.getElementById('view');
  await render(main, app);
}

async function showStatus() {
  const status = document.getElementById('core-status');
  try {
    const build = await client.ready;
    app.build = build;
    status.textContent = `${build.name} · ${build.target} · ${build.compiler} · ${build.build_type}`;
    status.dataset.version = build.name;
  } catch (err) {
    status.textContent = `The core did not start: ${err.message}`;
    status.classList.add('error');
  }
}

window.addEventListener('hashchange', show);
setupHeader(app);
show();
showStatus();
