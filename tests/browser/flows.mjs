// What several browser tests do on the way to what they check, done the way a student does it:
// move between views, train a decision tree on the built-in Iris in the Train view, and register
// a run's model from the Runs view.
import assert from 'node:assert/strict';
export const nav = (page, name) => page.getByRole('navigation', { name: 'Life cycle' }).getByRole('link', { name, exact: true }).click();

// Trains a decision tree of this depth and waits until it is logged as run `expectedRun` (the
// Train view still shows the previous result until then).
export async function trainIris(page, depth, expectedRun) {
  await nav(page, 'Train');
  await page.getByRole('heading', { level: 2, name: 'Train' }).waitFor();
  await page.getByLabel('Dataset').selectOption('builtin:iris');
  await page.getByText(/classification \(3 classes/).waitFor();
  await page.getByLabel('Model').selectOption('decision_tree');
  await page.getByLabel('max_depth').fill(String(depth));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Logged as' }).getByRole('link', { name: expectedRun }).waitFor({ timeout: 60000 });
}

// Opens the run's detail and registers its model (default name IRIS); returns "IRIS:N".
export async function registerRun(page, run, description) {
  await page.goto(page.url().replace(/#.*$/, '') + `#/runs/${run}`);
  const form = page.getByRole('region', { name: `Run ${run}` }).getByRole('form', { name: 'Register model' });
  await form.waitFor();
  if (description !== undefined) await form.getByLabel('Description').fill(description);
  await form.getByRole('button', { name: 'Register model' }).click();
  const said = await form.getByText(/^Registered IRIS:\d+ from/).textContent();
  assert.match(said, new RegExp(`^Registered IRIS:\\d+ from ${run}\\.`));
  return said.match(/IRIS:\d+/)[0];
}
