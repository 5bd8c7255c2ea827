// The words the Pipelines view's parts share: a status as an icon and a word (never colour
// alone), simulated times as a CI log prints them, durations, money, triggers, and the link that
// reopens a pipeline run (#/pipelines/run/iris-build%231).
import { el } from './dom.mjs';

const ICONS = { succeeded: '✓', failed: '✗', skipped: '⊘', running: '◔', pending: '○' };

export function statusChip(status) {
  return el('span', { class: `pstatus pstatus-${status}` },
    el('span', { class: 'pstatus-icon', 'aria-hidden': 'true', text: ICONS[status] ?? '•' }), ` ${status}`);
}

// 217 -> "00:03:37"; a day or more -> "1d 00:03:37" (as the core's CI log prints the clock).
export function clockText(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const two = (n) => String(n).padStart(2, '0');
  const d = Math.floor(s / 86400);
  const hms = `${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

// 42 -> "42 s", 90 -> "1 min 30 s", 3700 -> "1 h 1 min" (as the core's CI log prints them).
export function durationText(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
}

export function money(usd, currency = 'USD') {
  if (usd === 0) return `0 ${currency}`;
  return `${usd < 0.01 ? usd.toPrecision(3) : usd.toFixed(4).replace(/0+$/, '').replace(/\.$/, '')} ${currency}`;
}

export function triggerText(trigger) {
  const t = typeof trigger === 'string' ? { type: trigger } : (trigger ?? { type: 'manual' });
  if (t.type === 'dataset') return t.version ? `new dataset version ${t.dataset}:${t.version}` : `new version of dataset ${t.dataset}`;
  if (t.type === 'schedule') return t.every ? `schedule, every ${durationText(t.every)}` : `schedule (due ${clockText(t.due ?? 0)})`;
  return t.type ?? 'manual';
}

export const runHref = (id) => `#/pipelines/run/${encodeURIComponent(id)}`;

export function runLinkTo(id, text = id) {
  return el('a', { href: runHref(id), class: 'pipeline-run-link', text });
}

// A step's duration, when it ran.
export function stepDuration(step) {
  return step.started === null || step.finished === null ? '' : durationText(step.finished - step.started);
}
