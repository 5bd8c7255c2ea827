// Tiny helpers to build DOM without HTML strings (so data never becomes markup).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// "line 7, column 3" from a core error, when it has a place.
export function where(err) {
  if (!err?.line) return '';
  return err.column ? `line ${err.line}, column ${err.column}` : `line ${err.line}`;
}
