// The preview table of a loaded dataset, virtualised: only the rows in view are in the DOM and
// they are fetched from the worker a page at a time, so scrolling a million rows stays smooth.
import { el } from './dom.mjs';

const ROW_HEIGHT = 26;       // px, fixed so the scroll position maps to a row number
const PAGE_ROWS = 200;       // rows fetched per request
const MAX_PAGES = 40;        // pages kept in memory
const MAX_SCROLL_PX = 15e6;  // browsers cap element heights; beyond this, scroll is scaled

export function previewTable(client, tableId, summary) {
  const total = summary.rows;
  const columns = summary.columns;
  const scale = Math.max(1, (total * ROW_HEIGHT) / MAX_SCROLL_PX);
  const pages = new Map();
  const inflight = new Map();

  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '#' }),
    columns.map((c) => el('th', { scope: 'col', title: c.type }, c.name, el('span', { class: 'coltype', text: ` ${c.type}` })))));
  const body = el('tbody');
  const table = el('table', { class: 'preview-table' }, head, body);
  const spacer = el('div', { class: 'preview-spacer', style: `height:${Math.ceil((total * ROW_HEIGHT) / scale) + ROW_HEIGHT}px` });
  const viewport = el('div', {
    class: 'preview-viewport', role: 'region', tabindex: '0',
    'aria-label': `Preview rows (${total.toLocaleString('en')} rows)`,
  }, spacer, table);
  const status = el('p', { class: 'preview-status', 'aria-live': 'polite' });

  async function page(i) {
    if (pages.has(i)) return pages.get(i);
    if (!inflight.has(i)) {
      inflight.set(i, client.call('data.table.rows', { table: tableId, offset: i * PAGE_ROWS, limit: PAGE_ROWS })
        .then((r) => {
          pages.set(i, r.rows);
          if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value);
          return r.rows;
        }).finally(() => inflight.delete(i)));
    }
    return inflight.get(i);
  }

  let drawn = -1;
  async function draw() {
    const first = Math.min(Math.max(0, total - 1), Math.floor((viewport.scrollTop * scale) / ROW_HEIGHT));
    const visible = Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 2;
    const last = Math.min(total, first + visible);
    const want = first;
    const needed = [];
    for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(Math.max(first, last - 1) / PAGE_ROWS); p++) needed.push(p);
    const got = await Promise.all(needed.map(page));
    if (want !== Math.min(Math.max(0, total - 1), Math.floor((viewport.scrollTop * scale) / ROW_HEIGHT))) return; // scrolled on
    if (drawn === first && body.childElementCount) return;
    drawn = first;
    const rows = [];
    for (let r = first; r < last; r++) {
      const values = got[Math.floor(r / PAGE_ROWS) - needed[0]][r % PAGE_ROWS];
      rows.push(el('tr', {}, el('th', { scope: 'row', text: String(r + 1) }),
        values.map((v) => el('td', { class: v === null ? 'missing' : typeof v === 'number' ? 'num' : '', text: v === null ? 'NA' : String(v) }))));
    }
    body.replaceChildren(...rows);
    table.style.transform = `translateY(${viewport.scrollTop}px)`;
    status.textContent = total ? `Rows ${first + 1} to ${last} of ${total.toLocaleString('en')}` : 'No rows';
  }
  let queued = false;
  viewport.addEventListener('scroll', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; draw(); });
  });
  new ResizeObserver(() => draw()).observe(viewport);
  return el('div', { class: 'preview' }, viewport, status);
}
