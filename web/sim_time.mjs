// The simulated clock on screen: seconds since the workspace began, as "day 1, 00:05".
export function simTime(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  const day = Math.floor(s / 86400) + 1;
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = s % 60 ? `:${String(s % 60).padStart(2, '0')}` : '';
  return `day ${day}, ${hh}:${mm}${ss}`;
}
