// A confusion matrix as a table whose cells are shaded by count: readable by screen readers as a
// table, and at a glance as a heat map.
export function confusionMatrix(matrix, labels, { title = 'Confusion matrix' } = {}) {
  const max = Math.max(1, ...matrix.flat());
  const table = document.createElement('table');
  table.className = 'heatmap';
  table.setAttribute('aria-label', title);
  const cap = document.createElement('caption');
  cap.textContent = `${title} (rows: true class, columns: predicted class)`;
  table.append(cap);
  const head = table.createTHead().insertRow();
  head.append(Object.assign(document.createElement('th'), { textContent: 'true \\ predicted' }));
  for (const l of labels) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: l }));
  const body = table.createTBody();
  matrix.forEach((row, i) => {
    const tr = body.insertRow();
    tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: labels[i] }));
    row.forEach((v, j) => {
      const td = tr.insertCell();
      td.textContent = v;
      const a = v / max;
      td.style.background = i === j ? `rgba(21,128,61,${0.12 + 0.75 * a})` : `rgba(185,28,28,${v ? 0.12 + 0.75 * a : 0})`;
      if (a > 0.55) td.style.color = '#fff';
    });
  });
  return table;
}
