// The Models view in real Chromium: two runs registered as IRIS:1 and IRIS:2; promoting each to
// Production with "archive the current Production version" archives IRIS:1, the history names
// the role of each transition, and Rollback brings IRIS:1 back; the alias champion moves from
// IRIS:1 to IRIS:2 with its history; refusals show the core's message; lineage is one click away.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './harness.mjs';

// Two recorded runs, registered as IRIS:1 and IRIS:2 the way the Runs view registers them.
async function openModels(t) {
  const ctx = await openPage(t, '#/models');
  await ctx.page.getByRole('heading', { level: 2, name: 'Models' }).waitFor();
  await ctx.page.evaluate(async () => {
    const ws = window.mlplay.workspace;
    await window.mlplay.workspaceReady;
    for (const depth of [3, 5]) {
      const { run } = await ws.apply({ type: 'run.record', experiment: 'IRISExperiment', family: 'decision_tree', params: { max_depth: depth },
        metrics: { accuracy: depth === 3 ? 0.9 : 0.95 }, tags: { model: 'Decision Tree' } });
      await ws.apply({ type: 'model.register', name: 'IRIS', run, tags: { model: 'Decision Tree' }, description: `depth ${depth}` });
    }
  });
  await ctx.page.getByRole('article', { name: 'IRIS:2' }).waitFor();
  return ctx;
}

const card = (page, ref) => page.getByRole('article', { name: ref });
const stageOf = async (page, ref) => (await card(page, ref).locator('.stage').textContent()).trim();
const rows = (table) => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));

async function transition(page, ref, stage, comment) {
  const form = page.getByRole('form', { name: `Transition ${ref}` });
  await form.getByLabel('Move to stage').selectOption(stage);
  await form.getByLabel('Comment').fill(comment);
  const archive = form.getByRole('checkbox');
  const checked = await archive.isChecked();
  await form.getByRole('button', { name: 'Transition' }).click();
  await page.locator('#view').getByRole('status').getByText(`${ref} moved from`).waitFor();
  return checked;
}

async function actAs(page, role) {
  await page.getByLabel('Acting as').selectOption(role);
  await page.waitForFunction((r) => window.mlplay.workspace.state.actor === r, role);
}

test('promoting IRIS:2 archives IRIS:1, the history names each role, and Rollback brings IRIS:1 back', async (t) => {
  const { page, problems } = await openModels(t);
  const iris = page.getByRole('region', { name: 'IRIS', exact: true });
  assert.match(await iris.innerText(), /2 versions/);
  assert.equal(await stageOf(page, 'IRIS:1'), 'None');
  assert.ok(await iris.getByRole('button', { name: 'Rollback' }).isDisabled(), 'nothing to roll back yet');
  const facts = await card(page, 'IRIS:2').innerText();
  for (const s of ['Data Scientist', 'run-2', 'depth 5', 'model=Decision Tree', 'day 1,']) assert.ok(facts.includes(s), `IRIS:2 shows ${s}: ${facts}`);

  assert.equal(await transition(page, 'IRIS:1', 'Production', 'first release'), true, 'archive is on by default for Production');
  assert.equal(await stageOf(page, 'IRIS:1'), 'Production');
  await actAs(page, 'ML Engineer');
  const form2 = page.getByRole('form', { name: 'Transition IRIS:2' });
  await form2.getByLabel('Move to stage').selectOption('Production');
  await form2.getByText('Archive the current Production version (IRIS:1)').waitFor();
  await transition(page, 'IRIS:2', 'Production', 'better recall');
  assert.equal(await stageOf(page, 'IRIS:1'), 'Archived');
  assert.equal(await stageOf(page, 'IRIS:2'), 'Production');

  const history = iris.getByRole('table', { name: 'Stage transitions of IRIS' });
  const seen = await rows(history);
  assert.deepEqual(seen.map(([v, from, to, , by, comment]) => [v, from, to, by, comment]), [
    ['IRIS:1', 'None', 'Production', 'Data Scientist', 'first release'],
    ['IRIS:1', 'Production', 'Archived', 'ML Engineer', 'archived on promotion of IRIS:2'],
    ['IRIS:2', 'None', 'Production', 'ML Engineer', 'better recall'],
  ]);
  assert.ok(seen.every((r) => /^day 1, \d\d:\d\d/.test(r[3])), `times on the simulated clock: ${seen.map((r) => r[3])}`);
  await screenshot(page, 'models-promoted');

  await iris.getByLabel('Comment', { exact: true }).first().fill('recall dropped in PROD');
  await iris.getByRole('button', { name: 'Rollback' }).click();
  await page.locator('#view').getByRole('status').getByText('Rolled back IRIS: IRIS:2 archived.').waitFor();
  assert.equal(await stageOf(page, 'IRIS:1'), 'Production');
  assert.equal(await stageOf(page, 'IRIS:2'), 'Archived');
  const after = (await rows(history)).slice(3).map(([v, from, to, , by, comment]) => [v, from, to, by, comment]);
  assert.deepEqual(after.map((r) => r.slice(0, 4)), [['IRIS:2', 'Production', 'Archived', 'ML Engineer'], ['IRIS:1', 'Archived', 'Production', 'ML Engineer']]);
  assert.ok(after.some((r) => r[4].includes('recall dropped in PROD')), `the rollback's comment is kept: ${JSON.stringify(after)}`);
  assert.deepEqual(problems, []);
});

test('the alias champion moves from IRIS:1 to IRIS:2 and the alias history shows the move', async (t) => {
  const { page, problems } = await openModels(t);
  const iris = page.getByRole('region', { name: 'IRIS', exact: true });
  const aliasForm = iris.getByRole('form', { name: 'Set an alias of IRIS' });
  await aliasForm.getByLabel('Alias').fill('champion');
  await aliasForm.getByLabel('on version').selectOption({ label: 'IRIS:1' });
  await aliasForm.getByRole('button', { name: 'Set alias' }).click();
  await page.locator('#view').getByRole('status').getByText('Set IRIS@champion on IRIS:1.').waitFor();
  assert.equal(await card(page, 'IRIS:1').locator('.alias').textContent(), '@champion');

  await actAs(page, 'ML Engineer');
  await aliasForm.getByLabel('Alias').fill('champion');
  await aliasForm.getByLabel('on version').selectOption({ label: 'IRIS:2' });
  await aliasForm.getByRole('button', { name: 'Set alias' }).click();
  await page.locator('#view').getByRole('status').getByText('Moved IRIS@champion from IRIS:1 to IRIS:2.').waitFor();
  assert.equal(await card(page, 'IRIS:1').locator('.alias').count(), 0);
  assert.equal(await card(page, 'IRIS:2').locator('.alias').textContent(), '@champion');
  assert.match(await iris.getByRole('list', { name: 'Aliases of IRIS' }).innerText(), /@champion → IRIS:2/);

  const history = iris.getByRole('table', { name: 'Alias history of IRIS' });
  assert.deepEqual((await rows(history)).map(([alias, from, to, , by]) => [alias, from, to, by]), [
    ['@champion', '(new)', 'IRIS:1', 'Data Scientist'],
    ['@champion', 'IRIS:1', 'IRIS:2', 'ML Engineer'],
  ]);
  await iris.getByRole('button', { name: 'Delete alias @champion' }).click();
  await page.locator('#view').getByRole('status').getByText('Deleted IRIS@champion.').waitFor();
  assert.deepEqual((await rows(history)).at(-1).slice(0, 3), ['@champion', 'IRIS:2', '(deleted)']);
  await screenshot(page, 'models-aliases');
  assert.deepEqual(problems, []);
});

test('a refused command shows the core\'s message as an alert and changes nothing', async (t) => {
  const { page, problems } = await openModels(t);
  const iris = page.getByRole('region', { name: 'IRIS', exact: true });
  await transition(page, 'IRIS:1', 'Production', 'only one');
  const commands = await page.evaluate(() => window.mlplay.workspace.state.commands);
  await iris.getByRole('button', { name: 'Rollback' }).click();
  await iris.getByRole('alert').getByText(/registry\.no_previous_production/).waitFor();
  const aliasForm = iris.getByRole('form', { name: 'Set an alias of IRIS' });
  await aliasForm.getByLabel('Alias').fill('latest');
  await aliasForm.getByRole('button', { name: 'Set alias' }).click();
  await iris.getByRole('alert').getByText(/registry\.bad_alias/).waitFor();
  assert.equal(await page.evaluate(() => window.mlplay.workspace.state.commands), commands);
  assert.equal(await stageOf(page, 'IRIS:1'), 'Production');
  assert.deepEqual(problems, []);
});

test('a model version links to its lineage: dataset version, run and model version as linked boxes', async (t) => {
  const { page, problems } = await openModels(t);
  await card(page, 'IRIS:2').getByRole('link', { name: 'Lineage of IRIS:2' }).click();
  const chain = page.getByRole('list', { name: 'Lineage of IRIS:2' });
  await chain.waitFor();
  const boxes = await chain.getByRole('listitem').allInnerTexts();
  assert.equal(boxes.length, 3);
  assert.match(boxes[0], /None recorded/);
  assert.match(boxes[1], /run-2[\s\S]*IRISExperiment · Decision Tree · finished/);
  assert.match(boxes[2], /IRIS:2[\s\S]*None/);
  await chain.getByRole('link', { name: 'run-2' }).click();
  await page.getByRole('region', { name: 'Run run-2' }).waitFor();
  await page.goto(page.url().replace(/#.*$/, '#/lineage/model/IRIS/9'));
  await page.locator('#view').getByRole('alert').getByText(/registry\.unknown_version/).waitFor();
  assert.deepEqual(problems, []);
});
