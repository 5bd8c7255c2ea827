// The Train view in real Chromium: a random forest trained on a built-in dataset shows progress,
// metrics and a confusion matrix; a long training can be cancelled and the page stays usable.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

async function openTrain(t) {
  const ctx = await openPage(t, '#/train');
  await ctx.page.getByRole('heading', { level: 2, name: 'Train' }).waitFor();
  return ctx;
}

// Records what the progress bar showed, from inside the page.
async function watchProgress(page) {
  await page.evaluate(() => {
    const bar = document.querySelector('progress[aria-label="Training progress"]');
    window.trainProgress = { shown: false, values: [], messages: [] };
    new MutationObserver(() => {
      if (!bar.parentElement.hidden) window.trainProgress.shown = true;
      window.trainProgress.values.push(Number(bar.value));
      window.trainProgress.messages.push(bar.parentElement.querySelector('.progress-text').textContent);
    }).observe(bar.parentElement, { attributes: true, subtree: true, childList: true, characterData: true });
  });
}

test('a random forest on Iris shows progress, then its metrics and confusion matrix', async (t) => {
  const { page, problems } = await openTrain(t);
  await page.getByLabel('Dataset').selectOption('builtin:iris');
  await page.getByText(/classification \(3 classes: 0, 1, 2\)/).waitFor();
  assert.equal(await page.getByLabel('Target').inputValue(), 'Species');
  await page.getByLabel('Model').selectOption('random_forest');
  await page.getByLabel('n_estimators').fill('200');
  await watchProgress(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const metrics = page.getByRole('table', { name: 'Test metrics' });
  await metrics.waitFor({ timeout: 60000 });
  const accuracy = Number(await metrics.getByRole('row', { name: /^accuracy/ }).getByRole('cell').textContent());
  assert.ok(accuracy >= 0.85 && accuracy <= 1, `accuracy ${accuracy}`);
  const cm = page.getByRole('table', { name: 'Confusion matrix' });
  await cm.waitFor();
  const cells = (await cm.locator('tbody td').allTextContents()).map(Number);
  assert.equal(cells.length, 9);
  assert.equal(cells.reduce((a, b) => a + b, 0), 38);  // ceil(0.25 * 150) test rows
  const seen = await page.evaluate(() => window.trainProgress);
  assert.ok(seen.shown, 'the progress bar was shown');
  assert.ok(seen.messages.some((m) => /tree \d+ of 200/.test(m)), `progress named the trees: ${seen.messages.slice(0, 5)}`);
  await page.getByRole('list', { name: 'Feature importances' }).waitFor();
  await page.getByRole('table', { name: 'Test predictions' }).getByRole('row').nth(1).waitFor();
  // The model file downloads and is the versioned format the CLI reads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model file' }).click()]);
  const file = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(file.format, 'mlplay.model');
  assert.equal(file.schema_version, 1);
  assert.equal(file.family, 'random_forest');
  await screenshot(page, 'train-forest');
  assert.deepEqual(problems, []);
});

test('cancelling a long training stops it and the page stays usable', async (t) => {
  const { page } = await openPage(t, '#/data');
  // 40,000 rows x 10 features, so 1,000 trees take far longer than the test waits.
  const lines = ['f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,label'];
  for (let i = 0; i < 40000; i++) {
    const f = Array.from({ length: 10 }, (_, j) => ((i * 7919 + j * 104729) % 10007) / 100);
    lines.push(`${f.join(',')},${(f[0] + f[3] > 100) ? 'yes' : 'no'}`);
  }
  await page.getByLabel('Upload a CSV').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('heading', { name: /long\.csv: 40,000 rows/ }).waitFor();
  await page.getByRole('navigation', { name: 'Life cycle' }).getByRole('link', { name: 'Train' }).click();
  await page.getByRole('heading', { level: 2, name: 'Train' }).waitFor();
  await page.getByLabel('Dataset', { exact: true }).selectOption('loaded');
  await page.getByText(/classification \(2 classes: no, yes\)/).waitFor();
  await page.getByLabel('Model').selectOption('random_forest');
  await page.getByLabel('n_estimators').fill('1000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByText(/tree \d+ of 1000/).waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'Cancel training' }).click();
  await page.getByRole('alert').getByText('Training cancelled.').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled());
  // Usable: the worker answers at once and another, small training runs to the end.
  assert.match(await page.evaluate(() => window.mlplay.client.call('core.version')), /^MLOps Playground core/);
  await page.getByLabel('Model').selectOption('decision_tree');
  await page.getByLabel('max_depth').fill('3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('table', { name: 'Test metrics' }).waitFor({ timeout: 30000 });
  await page.getByRole('table', { name: 'Confusion matrix' }).waitFor();
});

test('gradient boosting on a regression set shows R^2 and the loss per iteration', async (t) => {
  const { page, problems } = await openTrain(t);
  await page.getByLabel('Dataset', { exact: true }).selectOption('builtin:diabetes');
  await page.getByText('regression', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Target').inputValue(), 'progression');
  await page.getByLabel('Model').selectOption('gradient_boosting');
  await page.getByLabel('early_stopping').selectOption('true');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const metrics = page.getByRole('table', { name: 'Test metrics' });
  await metrics.waitFor({ timeout: 60000 });
  const r2 = Number(await metrics.getByRole('row', { name: /^r2/ }).getByRole('cell').textContent());
  assert.ok(r2 > 0.2 && r2 < 0.8, `R^2 ${r2} (diabetes is hard: about 0.3 to 0.5)`);
  await page.getByRole('figure', { name: 'Loss per iteration' }).waitFor();
  await page.getByRole('figure', { name: 'Residuals' }).waitFor();
  await screenshot(page, 'train-boosting-regression');
  assert.deepEqual(problems, []);
});
