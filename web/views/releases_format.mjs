// The Releases view's words: a release or stage status as a badge (an icon and the word, so
// colour is never the only sign), the failure toggles' sentences, simulated durations, a one-line
// summary of where a release stands, and JSON bodies as indented text.
import { el } from './dom.mjs';

const ICONS = { succeeded: '✓', failed: '✗', 'not deployed': '–', 'waiting for approval': '…', rejected: '⊘' };

export function statusBadge(status) {
  return el('span', { class: `rstatus rstatus-${String(status).replace(/\s+/g, '-')}` },
    el('span', { class: 'rstatus-icon', 'aria-hidden': 'true', text: ICONS[status] ?? '•' }), ` ${status}`);
}

// What each failure toggle of release.failures does, in a sentence.
export const FAILURE_SENTENCES = {
  deploy_missing_file: 'the deploy step cannot find the model file (FileNotFoundError), as in the tutorial\'s failed UAT',
  smoke_wrong_prediction: 'the scoring script reads the features in reverse order',
};

// 330 -> "5 min 30 s" (simulated seconds).
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [h && `${h} h`, m && `${m} min`, (s % 60 || !s) && `${s % 60} s`].filter(Boolean);
  return parts.join(' ');
}

export const artifactOf = (release) => `${release.model}:${release.version}`;

// "Release-2 of IRIS:2: UAT failed; PROD not deployed."
export function releaseSummary(release) {
  const stages = release.stages.map((s) => `${s.name} ${s.status}`).join('; ');
  return `${release.name} of ${artifactOf(release)}: ${stages}.`;
}

// A JSON value as indented text for a <pre>; text that is JSON is re-indented.
export function pretty(value) {
  if (typeof value === 'string') {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2);
}
