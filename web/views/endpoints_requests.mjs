// The latest requests the endpoints answered (endpoint.requests, newest first): which endpoint,
// which model version answered (a canary shows here), when on the simulated clock, the route, the
// status, and the request and response bodies, cut short. The traffic is this session's; the
// workspace keeps only the deployments.
import { el } from './dom.mjs';
import { errorText, timeCell } from './runs_format.mjs';

const LIMIT = 25;
const short = (text, n = 90) => (text.length > n ? `${text.slice(0, n)}…` : text);

export function recentRequests(app) {
  const box = el('div', { class: 'table-scroll' });
  const refreshButton = el('button', { type: 'button', class: 'small', text: 'Refresh requests' });
  let generation = 0;

  async function refresh() {
    const mine = ++generation;
    try {
      const { requests } = await app.client.call('endpoint.requests', { limit: LIMIT });
      if (mine !== generation) return;
      box.replaceChildren(requests.length ? el('table', { class: 'requests-table', 'aria-label': 'Recent requests' },
        el('thead', {}, el('tr', {}, ['#', 'Endpoint', 'Version', 'When', 'Route', 'Status', 'Request', 'Response'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, requests.map((r) => el('tr', { 'data-endpoint': r.endpoint },
          el('td', { class: 'num', text: String(r.number) }), el('td', { text: r.endpoint }), el('td', { text: `${r.model}:${r.version}` }),
          el('td', {}, timeCell(r.time)), el('td', {}, el('code', { text: r.path })),
          el('td', { class: r.status < 300 ? 'ok' : 'error', text: String(r.status) }),
          el('td', { title: r.input }, el('code', { text: short(r.input) })),
          el('td', { title: r.output }, el('code', { text: short(r.output) })))))) 
        : el('p', { class: 'placeholder', text: 'No requests yet: send one from the console, or fetch an endpoint URL.' }));
    } catch (err) {
      if (mine === generation) box.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(err) }));
    }
  }

  refreshButton.addEventListener('click', refresh);
  const element = el('section', { class: 'requests-section', 'aria-labelledby': 'requests-title' },
    el('div', { class: 'row' }, el('h3', { id: 'requests-title', text: 'Recent requests' }), refreshButton),
    el('p', { class: 'help', text: `The latest ${LIMIT} requests answered in this session, newest first.` }), box);
  return { element, refresh };
}
