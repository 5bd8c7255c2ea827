// The past pipeline runs (id, trigger, status, started, duration, cost; each reopens), the saved
// pipelines with their triggers, and the simulated clock: "Advance the simulated clock by a day"
// runs what falls due on the way (pipeline.tick) and says what ran. The core decides what is
// due; the view only asks and shows.
import { el } from './dom.mjs';
import { durationText, money, runLinkTo, statusChip, triggerText } from './pipelines_format.mjs';
import { errorText, timeCell } from './runs_format.mjs';

export function runsTable(runs, openId) {
  if (!runs.length) return el('p', { class: 'placeholder', text: 'No pipeline runs yet: run the spec above.' });
  return el('table', { class: 'pipeline-runs', 'aria-label': 'Pipeline runs' },
    el('thead', {}, el('tr', {}, ['Run', 'Trigger', 'Status', 'Started', 'Duration', 'Cost'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, [...runs].reverse().map((r) => el('tr', { 'data-run': r.id, class: r.id === openId ? 'selected' : null },
      el('th', { scope: 'row' }, runLinkTo(r.id), r.id === openId ? el('span', { class: 'help', text: ' (shown above)' }) : null),
      el('td', { text: triggerText(r.trigger) }),
      el('td', {}, statusChip(r.status)),
      el('td', {}, timeCell(r.started)),
      el('td', { class: 'num', text: durationText(r.finished - r.started) }),
      el('td', { class: 'num', text: money(r.cost?.total ?? 0, r.cost?.currency) })))));
}

function savedList(app, saved, report) {
  if (!saved.length) {
    return el('p', { class: 'placeholder', text: 'No saved pipelines: pick a schedule or a dataset trigger above and save the spec, then advance the clock.' });
  }
  return el('ul', { class: 'saved-pipelines', 'aria-label': 'Saved pipelines' }, saved.map((p) => el('li', {},
    el('strong', { text: p.name }), ` runs on: ${triggerText(p.trigger)}; saved `, timeCell(p.saved), `; ${p.runs} run${p.runs === 1 ? '' : 's'} so far. `,
    el('button', {
      type: 'button', text: 'Delete', 'aria-label': `Delete saved pipeline ${p.name}`,
      onclick: async () => {
        try {
          await app.client.call('pipeline.delete', { name: p.name });
          await app.workspace.changed();
          report(`Deleted the saved pipeline ${p.name}; its runs stay in the history.`);
        } catch (err) { report(errorText(err), true); }
      },
    }))));
}

// tick(seconds) -> {ran, clock}: the view loads the data the saved pipelines read, then ticks.
export function clockPanel(app, { tick }) {
  const clock = el('output', { id: 'pipeline-clock', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', text: 'Advance the simulated clock by a day' });
  const result = el('div', { class: 'tick-result', 'aria-live': 'polite' });
  const savedBox = el('div');
  const element = el('section', { class: 'pipeline-clock', 'aria-labelledby': 'pipeline-clock-title' },
    el('h3', { id: 'pipeline-clock-title', text: 'Simulated clock and triggers' }),
    el('p', { class: 'help', text: 'Pipelines run on a simulated clock. A saved pipeline with a schedule runs when the clock passes its time; one with a dataset trigger runs once a new version of its dataset is registered.' }),
    el('div', { class: 'row' }, el('label', { for: clock.id, text: 'Simulated clock' }), clock, button),
    result,
    el('h4', { text: 'Saved pipelines' }),
    savedBox);
  const report = (text, bad = false) => result.replaceChildren(el('p', { class: bad ? 'error' : 'ok', role: bad ? 'alert' : 'status', text }));

  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'help', text: 'Advancing the clock by a day…' }));
    try {
      const { ran } = await tick(86400);
      result.replaceChildren(el('p', { role: 'status', class: 'ok', text: ran.length ? `The clock moved a day; ${ran.length} pipeline run${ran.length === 1 ? '' : 's'} fell due:` : 'The clock moved a day; no saved pipeline was due.' }),
        ran.length ? el('ul', { class: 'tick-ran', 'aria-label': 'What ran' }, ran.map((r) => el('li', {},
          runLinkTo(r.id), ` (${triggerText(r.trigger)}) `, statusChip(r.status), `, cost ${money(r.cost ?? 0)}`))) : '');
    } catch (err) {
      report(errorText(err), true);
    } finally {
      button.disabled = false;
    }
  });

  return {
    element,
    draw({ clock: seconds, saved }) {
      clock.replaceChildren(timeCell(seconds));
      savedBox.replaceChildren(savedList(app, saved, report));
    },
  };
}
