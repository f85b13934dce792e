// End-to-end tests of the optimiser race as a learner uses it: a learning rate past the
// threshold gives a divergence sentence naming η·λ_max; a race on Rosenbrock gives one
// sentence per optimiser; the basin map and the sweep finish and show their progress; the
// state survives a reload through the address; screenshots at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

// Debug builds on a loaded machine are slow: poll generously, never sleep fixed times.
const LONG = { timeout: 120_000 };

/** Waits until the race has finished and returns its sentences by runner id. */
async function sentences(page) {
  await page.waitForFunction(
    () => /^Finished/.test(document.querySelector('[data-testid=race-status]')?.textContent ?? ''),
    null,
    LONG,
  );
  return page.$$eval('[data-testid=race-sentences] li', (lis) =>
    Object.fromEntries(lis.map((li) => [li.dataset.runner, li.textContent.trim()])),
  );
}

test('a learning rate past 2/λ_max is explained by η·λ_max', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed/race`);
  const first = await sentences(page);
  assert.match(first.gd, /^Gradient descent reached f within 10⁻³/);
  await page.getByLabel('Gradient descent η', { exact: true }).fill('0.11');
  await page.getByLabel('Gradient descent η', { exact: true }).press('Tab');
  await page.waitForFunction(
    () => /diverged/.test(document.querySelector('[data-testid=race-sentences] [data-runner=gd]')?.textContent ?? ''),
    null,
    LONG,
  );
  const after = await sentences(page);
  assert.match(after.gd, /^Gradient descent diverged at step \d+/);
  assert.match(after.gd, /η·λ_max = 2\.2 > 2/);
  // The others are unaffected and still reach the minimum.
  assert.match(after.adam, /^Adam reached f within 10⁻³/);
  await page.waitForFunction(() => /gd=0\.11/.test(location.search));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a typed step limit or η out of range: the box shows what the race uses, and a note says so', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed/race`);
  await sentences(page);
  const steps = page.getByTestId('race-steps');
  await steps.fill('5');
  await steps.press('Tab');
  await page.getByTestId('race-steps-note').getByText(/5 is below the smallest step limit, 10: the race uses 10\./).waitFor();
  assert.equal(await steps.inputValue(), '10');
  // The race ran with 10 steps, the number in the box.
  await page.waitForFunction(
    () => document.querySelector('[data-testid=race-status]')?.textContent === 'Finished: 10 steps at most.',
    null,
    LONG,
  );
  await page.waitForFunction(() => new URLSearchParams(location.search).get('steps') === '10');
  const eta = page.getByLabel('Gradient descent η', { exact: true });
  await eta.fill('100');
  await eta.press('Tab');
  await page.getByTestId('race-rate-note').first().getByText(/100 is above the largest η, 10: the race uses 10\./).waitFor();
  assert.equal(await eta.inputValue(), '10');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('gd') === '10');
  // A value that is used as typed clears the note.
  await steps.fill('200');
  await steps.press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid=race-steps-note]')?.textContent === '');
  assert.equal(await steps.inputValue(), '200');
  // From the address: the box shows the limit the race uses.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('steps') === '200');
  await page.reload();
  await sentences(page);
  assert.equal(await page.getByTestId('race-steps').inputValue(), '200');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a race on Rosenbrock gives one sentence per optimiser', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed/race?run=gd,momentum,adam,newton,lbfgs&gd=0.001`);
  await sentences(page);
  await page.getByLabel('Function', { exact: true }).selectOption('rosenbrock');
  await page.waitForFunction(() => document.querySelector('.race-input')?.value.includes('100(y - x^2)^2'));
  assert.match(await page.getByTestId('race-reason').textContent(), /valley/);
  const s = await sentences(page);
  assert.deepEqual(Object.keys(s).sort(), ['adam', 'gd', 'lbfgs', 'momentum', 'newton']);
  assert.match(s.gd, /^Gradient descent /);
  assert.match(s.momentum, /^Momentum /);
  assert.match(s.adam, /^Adam /);
  assert.match(s.newton, /^Newton's method /);
  assert.match(s.lbfgs, /^L-BFGS reached f within 10⁻³ of the lowest value found in \d+ steps/);
  // Every sentence is finished prose with numbers, never "NaN".
  for (const t of Object.values(s)) assert.doesNotMatch(t, /NaN|not a number/);
  // The chart can be read as a table too.
  await page.getByLabel('Show as a table').check();
  const rows = await page.locator('.race-table tbody tr').count();
  assert.equal(rows, 5);
  await page.waitForFunction(() => /f=/.test(location.search) && /p=-1\.2,1/.test(location.search));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the basin map and the sweep finish and report their progress', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}playground`);
  const race = page.locator('.race');
  await sentences(page);
  const t0 = Date.now();
  await race.getByRole('button', { name: 'Compute basin map' }).click();
  await page.getByTestId('basin-progress').waitFor();
  assert.match(await page.getByTestId('basin-progress').textContent(), /of 64 rows/);
  await page.waitForFunction(
    () => /^Basin map of Gradient descent from 4096 starts/.test(
      document.querySelector('[data-testid=basin-summary]')?.textContent ?? ''),
    null,
    LONG,
  );
  console.log(`basin map (64 × 64 starts): ${Date.now() - t0} ms`);
  assert.match(await page.getByTestId('basin-progress').textContent(), /64 of 64 rows \(100 %\)/);
  const summary = await page.getByTestId('basin-summary').textContent();
  assert.match(summary, /4096 converged/, summary);
  // Clicking the map starts a race from there.
  const before = await page.getByTestId('race-start').textContent();
  const box = await page.locator('.race-basin-canvas canvas').boundingBox();
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.25);
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid=race-start]')?.textContent !== b,
    before,
  );
  assert.match(await page.getByTestId('race-start').textContent(), /^Start: \(1\.\d+, 1\.\d+\)$/);
  await sentences(page);
  // The sweep, for gradient descent, shows where the rates start to diverge.
  await race.getByRole('button', { name: 'Sweep η' }).click();
  await page.waitForFunction(
    () => /fastest rate swept/.test(document.querySelector('[data-testid=sweep-summary]')?.textContent ?? ''),
    null,
    LONG,
  );
  assert.match(await page.getByTestId('sweep-progress').textContent(), /41 of 41 rates/);
  assert.match(await page.getByTestId('sweep-summary').textContent(), /From η = 0\.1\d* runs diverged/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the race keeps its state in the address and restores it', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}playground`);
  await sentences(page);
  const race = page.locator('.race');
  await race.getByRole('checkbox', { name: "Newton's method" }).check();
  await page.getByLabel('Adam η', { exact: true }).fill('0.3');
  await page.getByLabel('Adam η', { exact: true }).press('Tab');
  const box = await page.locator('.race-canvas').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.7);
  await page.waitForFunction(
    () => /race-run=gd%2Cmomentum%2Cadam%2Cnewton%2Clbfgs|race-run=gd,momentum,adam,newton,lbfgs/.test(location.search)
      && /race-adam=0\.3/.test(location.search) && /race-p=/.test(location.search),
    null,
    LONG,
  );
  const start = await page.getByTestId('race-start').textContent();
  await sentences(page);
  await page.reload();
  const s = await sentences(page);
  assert.ok(s.newton, 'Newton still races');
  assert.equal(await page.getByLabel('Adam η', { exact: true }).inputValue(), '0.3');
  assert.equal(await page.getByTestId('race-start').textContent(), start);
  assert.equal(await page.locator('[data-testid=address-notes]').count(), 0);
  // A bad value falls back with a note.
  await page.goto(`${site.origin}${BASE}playground?race-gd=-3&race-run=gd,sgd`);
  const notes = page.getByTestId('address-notes');
  await notes.waitFor();
  assert.match(await notes.textContent(), /gradient descent η in the link \("-3"\) could not be used/);
  assert.match(await notes.textContent(), /optimiser list in the link/);
  await sentences(page);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('screenshots of the race at phone and desktop widths, light and dark', async () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, problems } = await watchedPage(site.browser, site.origin, viewport, scheme);
      await page.goto(`${site.origin}${BASE}embed/race?f=(1-x)^2+100(y-x^2)^2&p=-1.2,1&run=gd,momentum,adam,newton,lbfgs&gd=0.001`);
      await sentences(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `${name}: no sideways scrolling (${width} px)`);
      await page.screenshot({ path: `${SHOTS}race-${name}-${scheme}.png`, fullPage: true });
      assert.deepEqual(problems(), []);
      await context.close();
    }
  }
});
