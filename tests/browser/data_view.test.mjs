// The Data view in real Chromium: built-in datasets load and profile, a bad CSV shows its line
// and leaves the loaded dataset in place, a 10 MB CSV shows progress then its profile, and
// registering gives a dataset version. (The 100 MB responsiveness check is data_stall.solo.test.mjs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

async function openData(t) {
  const ctx = await openPage(t, '#/data');
  await ctx.page.getByRole('heading', { level: 2, name: 'Data' }).waitFor();
  return ctx;
}

async function loadBuiltin(page, name) {
  await page.getByLabel('Built-in dataset').selectOption(name);
  await page.getByRole('button', { name: 'Load dataset' }).click();
}

// Watches the progress bar from inside the page: was it shown, and what values did it take?
async function watchProgress(page) {
  await page.evaluate(() => {
    const bar = document.querySelector('progress[aria-label="Reading progress"]');
    window.progressSeen = { shown: false, values: [] };
    new MutationObserver(() => {
      if (!bar.parentElement.hidden) window.progressSeen.shown = true;
      window.progressSeen.values.push(Number(bar.value));
    }).observe(bar.parentElement, { attributes: true, subtree: true });
  });
}

test('loading Iris shows 150 rows, the preview and a profile with Species 3 x 50', async (t) => {
  const { page, problems } = await openData(t);
  await loadBuiltin(page, 'iris');
  await page.getByRole('heading', { name: /iris\.csv: 150 rows × 5 columns/ }).waitFor();
  const species = page.getByRole('article', { name: 'Column Species' });
  const top = species.getByRole('list', { name: 'Most frequent values of Species' });
  assert.deepEqual((await top.getByRole('listitem').allTextContents()).sort(), ['0 (50)', '1 (50)', '2 (50)']);
  const preview = page.getByRole('region', { name: /Preview rows/ });
  assert.equal(await preview.getByRole('row').nth(1).getByRole('cell').first().textContent(), '5.1');
  await screenshot(page, 'data-iris');
  assert.deepEqual(problems, []);
});

test('a CSV with a ragged row on line 7 shows an error naming line 7 and keeps the loaded dataset', async (t) => {
  const { page } = await openData(t);
  await loadBuiltin(page, 'iris');
  await page.getByRole('heading', { name: /iris\.csv: 150 rows/ }).waitFor();
  const lines = ['a,b,c', '1,2,3', '4,5,6', '7,8,9', '10,11,12', '13,14,15', '16,17', '19,20,21'];
  await page.getByLabel('Upload a CSV').setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  const alert = page.getByRole('alert').filter({ hasText: 'ragged.csv' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /line 7/);
  assert.match(await alert.textContent(), /csv\.ragged_row/);
  // The previously loaded dataset is still the one shown.
  assert.ok(await page.getByRole('heading', { name: /iris\.csv: 150 rows/ }).isVisible());
  await screenshot(page, 'data-ragged');
});

test('a valid 10 MB CSV shows the progress bar, then its profile', async (t) => {
  const { page, problems } = await openData(t);
  // 10 MB: 8 float columns, an integer and a category, written here, row by row.
  const rows = ['x0,x1,x2,x3,x4,x5,x6,x7,n,cat'];
  let size = rows[0].length + 1;
  for (let i = 0; size < 10e6; i++) {
    const v = Array.from({ length: 8 }, (_, j) => ((i * 7919 + j * 104729) % 100003 / 1000).toFixed(3));
    const line = `${v.join(',')},${i},${['red', 'green', 'blue'][i % 3]}`;
    rows.push(line);
    size += line.length + 1;
  }
  const expectedRows = rows.length - 1;
  await watchProgress(page);
  await page.getByLabel('Upload a CSV').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await page.getByRole('heading', { name: `big.csv: ${expectedRows.toLocaleString('en')} rows × 10 columns` }).waitFor({ timeout: 30000 });
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.shown, 'the progress bar was shown');
  assert.ok(seen.values.some((v) => v > 0 && v < 1), `progress between 0 and 1 was reported: ${seen.values}`);
  const cat = page.getByRole('article', { name: 'Column cat' });
  assert.match(await cat.textContent(), /categorical/);
  assert.match(await page.getByRole('article', { name: 'Column n' }).textContent(), /integer/);
  await screenshot(page, 'data-10mb');
  assert.deepEqual(problems, []);
});

test('registering Iris gives IRIS:1, and registering it again gives no new version', async (t) => {
  const { page } = await openData(t);
  await loadBuiltin(page, 'iris');
  await page.getByRole('button', { name: 'Register version' }).click();
  await page.getByText(/Registered IRIS:1 \(150 rows/).waitFor();
  await page.getByRole('button', { name: 'Register version' }).click();
  await page.getByText(/Same content as IRIS:1/).waitFor();
  const versions = page.getByRole('table', { name: 'Versions of IRIS' });
  await versions.getByRole('rowheader', { name: 'IRIS:1' }).waitFor();
  assert.equal(await versions.getByRole('rowheader').count(), 1);
});

test('cancelling a long read stops it, keeps the loaded dataset, and the worker still answers', async (t) => {
  const { page } = await openData(t);
  await loadBuiltin(page, 'iris');
  await page.getByRole('heading', { name: /iris\.csv: 150 rows/ }).waitFor();
  const r = await page.evaluate(async () => {
    const line = '1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,12345,blue\n';
    const blob = new Blob(['a,b,c,d,e,f,g,h,n,cat\n', line.repeat(Math.ceil(60e6 / line.length))]);
    const ctrl = new AbortController();
    let code;
    let progressEvents = 0;
    try {
      await window.mlplay.client.call('data.load_file', { file: blob, name: 'huge.csv' }, {
        signal: ctrl.signal,
        onProgress: () => { progressEvents++; ctrl.abort(); },
      });
    } catch (e) { code = e.code; }
    return { code, progressEvents, after: await window.mlplay.client.call('core.version') };
  });
  assert.equal(r.code, 'core.cancelled');
  assert.ok(r.progressEvents >= 1);
  assert.match(r.after, /^MLOps Playground core/);
  assert.ok(await page.getByRole('heading', { name: /iris\.csv: 150 rows/ }).isVisible());
});

test('a CSV dropped on the drop zone loads like an upload', async (t) => {
  const { page } = await openData(t);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x,y\n1,2\n3,4\n5,6\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
  await page.getByRole('heading', { name: 'dropped.csv: 3 rows × 2 columns' }).waitFor();
});

test('reading options: a column forced to categorical keeps its leading zeros after a re-read', async (t) => {
  const { page } = await openData(t);
  await page.getByLabel('Upload a CSV').setInputFiles({ name: 'zips.csv', mimeType: 'text/csv', buffer: Buffer.from('zip,amount\n02139,5\n10001,7\n') });
  const preview = page.getByRole('region', { name: /Preview rows/ });
  await page.getByRole('heading', { name: 'zips.csv: 2 rows × 2 columns' }).waitFor();
  await preview.getByRole('cell', { name: '2139', exact: true }).waitFor();  // inferred integer
  await page.getByText('Reading options').click();
  await page.getByLabel('Column types').fill('zip=categorical');
  await page.getByRole('button', { name: 'Re-read with these options' }).click();
  await preview.getByRole('cell', { name: '02139', exact: true }).waitFor();
  assert.match(await page.getByRole('article', { name: 'Column zip' }).textContent(), /categorical/);
});

test('reading options: header row "no" names the columns column_1, column_2', async (t) => {
  const { page } = await openData(t);
  await page.getByText('Reading options').click();
  await page.getByLabel('Header row').selectOption('no');
  await page.getByLabel('Upload a CSV').setInputFiles({ name: 'nohead.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\nc,d\n') });
  await page.getByRole('heading', { name: 'nohead.csv: 2 rows × 2 columns' }).waitFor();
  await page.getByRole('article', { name: 'Column column_1' }).waitFor();
});
