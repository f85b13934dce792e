// End-to-end checks of what a learner saw wrong in a test of the built site (December 2026):
// a value too large for floating point read "undefined here"; a bad function in the address
// was dropped without a word; lesson 6's table and the exercise's answer box did not fit a
// phone; lesson 6's loss chart was empty before the first step. Each test opens the page as a
// learner would and checks what is on it; screenshots go to SHOTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, SHOTS } from './harness.mjs';

const site = withSite();

/** Opens the playground at `query` and waits until the point's values are shown. */
async function playground(query, viewport = VIEWPORTS.desktop, colorScheme = 'light') {
  const watched = await site.open(`playground${query}`, viewport, colorScheme);
  await watched.page.waitForSelector('.fx-value-f');
  return watched;
}

test('a value too large for floating point says so instead of "undefined here"', async () => {
  const { page, context, problems } = await playground('?f=exp(1000x)%2By&p=1,0.5');
  await page.waitForFunction(() =>
    document.querySelector('.fx-value-f')?.textContent.includes('too large'),
  );
  assert.equal(await page.textContent('.fx-value-f'), 'too large to compute here (overflows)');
  assert.equal(
    await page.textContent('.fx-value-grad'),
    '[too large to compute here (overflows), 1]',
  );
  await page.screenshot({ path: `${SHOTS}findings-overflow-desktop.png` });
  // Where f has no value at all, it still says so.
  await page.fill('.fx-input', 'ln(x - 1)');
  await page.waitForFunction(() =>
    document.querySelector('.fx-value-f')?.textContent === 'undefined here',
  );
  assert.deepEqual(problems(), []);
  await context.close();
});
