// End-to-end test of "Show as table": a chart's switch shows its data as a table whose
// numbers are the ones the page states in words (the gradient check's V: the smallest
// central-difference error and its step), thinned to a readable number of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS, NUMBER, pageNumber } from './harness.mjs';

const site = withSite();

/** A number as the page prints it (true minus signs, `1.2 × 10⁻⁷`). */
const num = pageNumber;

test('the V chart shows as a table that agrees with the sentence under it', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed/gradient-check`);
  const summary = page.locator('[data-testid=v-summary]');
  await summary.getByText(/Central differences: smallest error/).waitFor({ timeout: 30000 });
  const sentence = await summary.getByText(/Central differences: smallest error/).innerText();
  const m = sentence.match(new RegExp(`smallest error (${NUMBER}) at h = (${NUMBER})`));
  assert.ok(m, sentence);
  const [stated, statedH] = [num(m[1]), num(m[2])];

  const toggle = page.getByRole('button', { name: /Show as table\W+Relative error against the step h/ });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  // Once open, the same switch reads "Hide table".
  const same = page.locator('.chart-table-switch', { hasText: 'Relative error against the step h' });
  await toggle.click();
  const table = page.locator('[data-testid=chart-table]');
  await table.waitFor();
  assert.equal(await same.getAttribute('aria-expanded'), 'true');
  assert.match(await same.innerText(), /Hide table/);
  const heads = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(heads, ['h', 'forward', 'central', 'note']);
  const rows = await table.locator('tbody tr').all();
  assert.ok(rows.length >= 3 && rows.length <= 12, `${rows.length} rows`);
  assert.match(await table.locator('caption').innerText(), /of \d+ rows/);

  // The row the table calls the lowest central error is the one the sentence states.
  const low = table.locator('tbody tr', { hasText: 'lowest central' });
  assert.equal(await low.count(), 1);
  const h = num(await low.locator('th').innerText());
  const central = num(await low.locator('td').nth(1).innerText());
  assert.ok(Math.abs(h - statedH) <= 0.06 * statedH, `h ${h} against ${statedH}`);
  assert.ok(Math.abs(central - stated) <= 0.06 * stated, `error ${central} against ${stated}`);
  // The first row is the largest step, as on the chart's axis.
  const first = num(await table.locator('tbody tr').first().locator('th').innerText());
  assert.ok(first > h, `${first} > ${h}`);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}chart-table-gradient-check.png`, fullPage: true });

  await same.click();
  assert.equal(await table.count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the descent path and the learning-rate sweep show as tables that follow the settings', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  // Lesson 6's explorer: a start and rate typed into the address.
  await page.goto(`${site.origin}${BASE}embed/learning-rate?v=1&p=2,-1&rate=0.05`);
  const outcome = page.locator('[data-testid=outcome]');
  await outcome.getByText(/Converged in \d+ steps/).waitFor({ timeout: 30000 });
  const steps = Number((await outcome.innerText()).match(/Converged in (\d+) steps/)[1]);
  await page.getByRole('button', { name: /Show as table\W+The descent path/ }).click();
  const table = page.locator('[data-testid=chart-table]');
  await table.waitFor();
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['step', 'L', 'x', 'y', 'note']);
  const first = table.locator('tbody tr').first();
  assert.equal(await first.locator('th').innerText(), '0');
  // Step 0 is the start from the address, and L there is x² + 10y² = 4 + 10 = 14.
  assert.deepEqual(
    (await first.locator('td').allInnerTexts()).slice(0, 3).map(num),
    [14, 2, -1],
  );
  assert.match(await first.locator('td').nth(3).innerText(), /highest L/);
  // The last row is the step the sentence names, and it holds the lowest L.
  const last = table.locator('tbody tr').last();
  assert.equal(num(await last.locator('th').innerText()), steps);
  assert.match(await last.locator('td').nth(3).innerText(), /lowest L/);
  assert.ok((await table.locator('tbody tr').count()) <= 12);
  // No column wider than the phone: the table scrolls inside its own box.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the sweep table names the rates that diverged', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}playground`);
  await page.locator('.race').getByRole('button', { name: 'Sweep η' }).click();
  await page
    .locator('[data-testid=sweep-summary]')
    .getByText(/fastest rate swept|no rate swept/)
    .waitFor({ timeout: 120000 });
  const summary = await page.locator('[data-testid=sweep-summary]').innerText();
  await page.getByRole('button', { name: /Show as table\W+Steps to converge at each learning rate/ }).click();
  const table = page.locator('[data-testid=chart-table]');
  await table.waitFor();
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['η', 'steps to converge', 'note']);
  assert.equal(await table.locator('tbody tr').count(), 41);
  // The fastest rate the sentence names is the row the table calls the lowest.
  // The default race sweeps gradient descent across its threshold: some rates converge
  // and the largest diverge.
  const fast = summary.match(/η = (\S+) \((\d+) steps\)/);
  assert.ok(fast, summary);
  const low = table.locator('tbody tr', { hasText: 'lowest steps' }).first();
  const [rowRate, statedRate] = [num(await low.locator('th').innerText()), num(fast[1])];
  assert.ok(Math.abs(rowRate - statedRate) <= 0.02 * statedRate, `η ${rowRate} against ${statedRate}`);
  assert.equal(num(await low.locator('td').first().innerText()), Number(fast[2]));
  // Rates past the threshold appear as "diverged" rows with no step count.
  assert.match(summary, /From η = /);
  const bad = table.locator('tbody tr', { hasText: 'diverged' });
  assert.ok((await bad.count()) > 0);
  assert.equal(await bad.first().locator('td').first().innerText(), '—');
  assert.deepEqual(problems(), []);
  await context.close();
});
