// Horizontal bars for named values (feature importances), as a list that reads well without the
// picture: "PetalLengthCm 0.44".
export function barList(items, { title, max = Math.max(1e-12, ...items.map((i) => i.value)), digits = 3 } = {}) {
  const ol = document.createElement('ol');
  ol.className = 'bars';
  ol.setAttribute('aria-label', title);
  for (const { name, value } of items) {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.textContent = name;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.max(0, (value / max) * 100)}%`;
    const num = document.createElement('span');
    num.className = 'bar-value';
    num.textContent = value.toFixed(digits);
    const track = document.createElement('span');
    track.className = 'bar-track';
    track.append(bar);
    li.append(label, track, num);
    ol.append(li);
  }
  return ol;
}
