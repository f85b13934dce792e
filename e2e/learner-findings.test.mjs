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

/** Whether the page scrolls sideways, and which elements stick out past the viewport. */
const overflow = (page) =>
  page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    // Inside a box that clips or scrolls sideways on its own is not sticking out (that box
    // is checked itself).
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    const out = [...document.querySelectorAll('main *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > vw + 1 && !clipped(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth - vw, out };
  });

/** Placeholders wider than their box: [placeholder, text width + padding, box width]. */
const cutPlaceholders = (page) =>
  page.$$eval('input[placeholder]', (inputs) => {
    const ctx = document.createElement('canvas').getContext('2d');
    return inputs
      .filter((i) => i.offsetParent !== null)
      .map((i) => {
        const s = getComputedStyle(i);
        ctx.font = `${s.fontSize} ${s.fontFamily}`;
        const need =
          ctx.measureText(i.placeholder).width + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
        return [i.placeholder, Math.ceil(need), i.clientWidth];
      })
      .filter(([, need, have]) => need > have);
  });

test('lesson 6 on a 360 px phone: the gradient table and answer boxes fit, the loss chart waits for a step', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context, problems } = await site.open('lesson/gradients-in-ml', VIEWPORTS.phone, colorScheme);
    await page.locator('main h1').waitFor();
    await page.locator('.gradient-table tr[data-partial]').first().waitFor();
    // Before any step, the loss chart says what it is waiting for.
    const hint = page.getByTestId('loss-hint');
    await hint.waitFor();
    assert.match(await hint.textContent(), /Run a step to see the loss fall/);
    const table = page.locator('.gradient-table');
    await table.scrollIntoViewIfNeeded();
    const box = await table.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= VIEWPORTS.phone.width, `table at ${box.x}…${box.x + box.width}`);
    await page.locator('.trainer-plots').screenshot({ path: `${SHOTS}findings-lesson6-trainer-phone-${colorScheme}.png` });
    const { scroll, out } = await overflow(page);
    assert.equal(scroll, 0, 'the page does not scroll sideways');
    assert.deepEqual(out, [], 'nothing sticks out of the viewport');
    assert.deepEqual(await cutPlaceholders(page), [], 'every placeholder fits its box');
    const answer = page.locator('.question-box .try-input').first();
    await answer.scrollIntoViewIfNeeded();
    await page.locator('.question-box').first().screenshot({ path: `${SHOTS}findings-answer-phone-${colorScheme}.png` });
    // One step later the hint is gone: there is a line to look at.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction(() => /^Step 1:/.test(document.querySelector('[data-testid=trainer-status]')?.textContent ?? ''));
    await hint.waitFor({ state: 'detached' });
    assert.deepEqual(problems(), []);
    await context.close();
  }
});

test('a function in the address that does not parse is named in a note, not dropped silently', async () => {
  const { page, context, problems } = await playground('?f=sin(');
  const note = page.getByText(/The function in the link \("sin\("\) could not be used/);
  await note.waitFor();
  const text = await note.textContent();
  assert.match(text, /The '\(' at column 4 needs something after it\. Showing the default, .* instead\./);
  assert.doesNotMatch(text, /\.\./, 'each sentence ends once');
  // The explorer shows the default meanwhile.
  assert.equal(await page.inputValue('.fx-input'), 'x^2 + 3*x*y + y^2');
  assert.deepEqual(problems(), []);
  await context.close();
});
