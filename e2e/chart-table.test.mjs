// End-to-end test of "Show as table": a chart's switch shows its data as a table whose
// numbers are the ones the page states in words (the gradient check's V: the smallest
// central-difference error and its step), thinned to a readable number of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

/** A number as the page prints it (true minus signs, `1.2e−7`). */
const num = (text) => Number(text.trim().replaceAll('−', '-'));

test('the V chart shows as a table that agrees with the sentence under it', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed/gradient-check`);
  const summary = page.locator('[data-testid=v-summary]');
  await summary.getByText(/Central differences: smallest error/).waitFor({ timeout: 30000 });
  const sentence = await summary.getByText(/Central differences: smallest error/).innerText();
  const m = sentence.match(/smallest error (\S+) at h = ([^;.\s]+(?:\.\d+)?(?:e[−-]?\d+)?)/);
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
