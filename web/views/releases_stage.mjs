// One stage of a release (UAT, PROD) as a box: its endpoint and status, when it started and
// finished on the simulated clock, the smoke test's request, response and expected answer, the
// approval (who, when, with what comment), Approve and Reject with a comment while it waits, and
// the stage log, CI style (timestamped, expandable). The core decides; this asks as the role the
// header's "Acting as" sets and says who that is.
import { el } from './dom.mjs';
import { duration, pretty, statusBadge } from './releases_format.mjs';
import { errorText, timeCell } from './runs_format.mjs';
import { simTime } from '../sim_time.mjs';

// "##[error]Deployment failed" -> a red line without the marker; "##[section]Starting" -> a heading line.
function logLine(line) {
  const m = /^##\[(error|section|warning)\]/.exec(line.text);
  const text = m ? line.text.slice(m[0].length) : line.text;
  return el('span', { class: `log-line${m ? ` log-${m[1]}` : ''}` },
    el('span', { class: 'log-time', text: `${simTime(line.time)}  ` }), text, '\n');
}

export function stageLog(stage, open) {
  const lines = stage.log ?? [];
  if (!lines.length) return el('p', { class: 'muted', text: 'No log: this stage did not run.' });
  return el('details', { class: 'stage-log', open },
    el('summary', { text: `Log of ${stage.name} (${lines.length} line${lines.length === 1 ? '' : 's'})` }),
    el('pre', { class: 'release-log', tabindex: '0', 'aria-label': `Log of ${stage.name}` }, lines.map(logLine)));
}

function smokeTest(stage) {
  const t = stage.smoke_test;
  if (!t) return null;
  return el('section', { class: `smoke-test ${t.passed ? 'passed' : 'failed'}`, 'aria-label': `Smoke test of ${stage.name}` },
    el('h5', {}, 'Smoke test ', statusBadge(t.passed ? 'succeeded' : 'failed')),
    el('div', { class: 'smoke-grid' },
      el('div', {}, el('h6', { text: `Request: POST /endpoints/${stage.endpoint}/score` }), el('pre', { class: 'json', text: pretty(t.request) })),
      el('div', {}, el('h6', { text: `Response: ${t.status}, ${t.content_type}` }), el('pre', { class: 'json', text: pretty(t.body) })),
      el('div', {}, el('h6', { text: 'Expected' }), el('pre', { class: 'json', text: t.expected === null ? '(any 200 JSON answer)' : pretty(t.expected) }))));
}

function approvalFacts(a) {
  if (!a) return null;
  return el('p', { class: `approval approval-${a.decision}` },
    `${a.decision === 'approved' ? 'Approved' : 'Rejected'} by ${a.by} at `, timeCell(a.time), a.comment ? `: “${a.comment}”` : '');
}

// Approve / Reject with a comment, as the role acting. `keep` holds the comment field across redraws.
function approvalForm(app, release, stage, { actor, keep, report }) {
  const role = release.definition?.stages?.find((d) => d.name === stage.name)?.approval?.role ?? 'Approver';
  const id = `approve-${release.number}-${stage.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const comment = keep(id, () => el('input', { id: `${id}-comment`, size: '32', autocomplete: 'off', placeholder: 'why' }));
  const alert = el('div', { class: 'error', role: 'alert' });
  const buttons = [];
  async function decide(decision) {
    alert.replaceChildren();
    for (const b of buttons) b.disabled = true;
    try {
      const args = { release: release.number, decision };
      if (comment.value.trim()) args.comment = comment.value.trim();
      const out = await app.client.call('release.decide', args);
      comment.value = '';
      report(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${stage.name} of ${release.name} as ${actor}: ${out.status}.`);
      await app.workspace.changed();
    } catch (err) {
      alert.textContent = errorText(err);
      for (const b of buttons) b.disabled = false;
    }
  }
  buttons.push(el('button', { type: 'button', id: `${id}-approve`, class: 'primary', text: 'Approve', onclick: () => decide('approve') }),
    el('button', { type: 'button', id: `${id}-reject`, text: 'Reject', onclick: () => decide('reject') }));
  return el('form', { class: 'approval-form', 'aria-label': `Approval of ${stage.name} for ${release.name}`, onsubmit: (e) => e.preventDefault() },
    el('p', {}, `Pre-deployment approval: waiting for ${role}. You are acting as `, el('strong', { class: 'acting', text: actor }),
      actor === role ? '.' : ` (the pipeline asks for ${role}; change "Acting as" in the header).`),
    el('div', { class: 'row' }, el('label', { for: comment.id, text: 'Comment' }), comment, ...buttons), alert);
}

export function stageBox(app, release, stage, ctx) {
  const times = [
    ['Endpoint', el('code', { text: stage.endpoint })],
    ['Started', stage.started === undefined || stage.started === null ? '—' : timeCell(stage.started)],
    ['Finished', stage.finished === undefined || stage.finished === null ? '—' : timeCell(stage.finished)],
  ];
  if (Number.isFinite(stage.started) && Number.isFinite(stage.finished)) times.push(['Took', duration(stage.finished - stage.started)]);
  const open = stage.status === 'failed';
  return el('li', { class: `stage-box stage-box-${stage.status.replace(/\s+/g, '-')}`, 'data-stage': stage.name },
    el('section', { 'aria-label': `${stage.name} of ${release.name}` },
      el('header', { class: 'row' }, el('h4', { text: stage.name }), statusBadge(stage.status)),
      el('dl', { class: 'stage-facts' }, times.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])),
      approvalFacts(stage.approval),
      stage.status === 'waiting for approval' ? approvalForm(app, release, stage, ctx) : null,
      smokeTest(stage),
      stageLog(stage, open)));
}
