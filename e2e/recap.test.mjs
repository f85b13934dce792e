// End-to-end tests of lesson 13, the recap, as a learner uses it: the quiz diagnoses a wrong
// answer, right answers (worked out here from the question's own text) raise the score, the
// score survives a reload and a new quiz starts afresh; the race runs on a function picked
// from the menu and says how each optimiser ended; the map links every lesson; the race and
// quiz embeds keep their heading outline; screenshots at phone and desktop widths, light and
// dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

// Debug builds on a loaded machine are slow: poll generously, never sleep fixed times.
const LONG = { timeout: 120_000 };

/** The numbers in a piece of question text, with true minus signs read as minus. */
const numbers = (text) => (text.replace(/−/g, '-').match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** The plain text of quiz question `n` (1-based). */
async function questionText(page, n) {
  const q = page.locator(`#recap-quiz-${n} .try-question`);
  await q.waitFor(LONG);
  return q.getAttribute('data-text');
}

/** Types `answer` into quiz question `n`, checks it, and returns the feedback. */
async function answer(page, n, text) {
  const box = page.locator(`#recap-quiz-${n}`);
  const sel = `#recap-quiz-${n} .try-feedback`;
  const before = await page.locator(sel).textContent();
  await box.getByLabel('Your answer').fill(text);
  await box.getByRole('button', { name: 'Check' }).click();
  await page.waitForFunction(
    ([s, old]) => {
      const t = document.querySelector(s)?.textContent ?? '';
      return t !== '' && t !== old;
    },
    [sel, before],
    LONG,
  );
  return page.locator(`${sel} p`).textContent();
}

const score = (page) => page.getByTestId('quiz-score').textContent();

test('the quiz diagnoses a slip, counts right answers, and keeps the score over a reload', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}lesson/recap?quiz=5`);
  await page.getByTestId('quiz-score').waitFor(LONG);
  assert.equal(await score(page), 'Right on the first try: 0 · Answered right: 0 · Questions: 16');

  // Question 3, the chain rule: "∂f/∂g = a, ∂g/∂x = b, ∂f/∂h = c, ∂h/∂x = d".
  const chain = await questionText(page, 3);
  const m = chain.replace(/−/g, '-').match(
    /∂f\/∂g = (-?\d+), ∂g\/∂x = (-?\d+), ∂f\/∂h = (-?\d+), ∂h\/∂x = (-?\d+)/,
  );
  assert.ok(m, chain);
  const [fg, gx, fh, hx] = m.slice(1).map(Number);
  // One path only is a slip the tutor names.
  const onePath = await answer(page, 3, String(fg * gx));
  assert.match(onePath, /only the path through g/);
  assert.match(await score(page), /first try: 0 · Answered right: 0/);
  const right = await answer(page, 3, String(fg * gx + fh * hx));
  assert.match(right, /^Correct\./);
  assert.match(right, /\(∂f\/∂g\)\(∂g\/∂x\) \+ \(∂f\/∂h\)\(∂h\/∂x\)/);
  assert.match(await score(page), /first try: 0 · Answered right: 1 /);

  // Question 7, the largest learning rate for L = a·w₁² + b·w₂²: 2/λ_max with λ_max = 2·max(a, b).
  const rate = await questionText(page, 7);
  const coeffs = rate.replace(/−/g, '-').match(/= (\d*)w₁² \+ (\d*)w₂²/);
  assert.ok(coeffs, rate);
  const [a, b] = coeffs.slice(1).map((c) => (c === '' ? 1 : Number(c)));
  assert.match(await answer(page, 7, String(2 / (2 * Math.max(a, b)))), /^Correct\./);

  // Question 13, clipping g by norm to c: g·c/‖g‖.
  const clip = await questionText(page, 13);
  const [g1, g2, c] = numbers(clip.slice(clip.indexOf('g =')));
  const norm = Math.hypot(g1, g2);
  assert.ok(norm > c, clip);
  const clipped = `[${(g1 * c) / norm}, ${(g2 * c) / norm}]`;
  assert.match(await answer(page, 13, clipped), /^Correct\./);

  assert.equal(await score(page), 'Right on the first try: 2 · Answered right: 3 · Questions: 16');
  assert.match(await page.locator('.quiz-item').nth(12).locator('.quiz-mark').textContent(), /right on the first try/);
  assert.match(await page.locator('.quiz-item').nth(2).locator('.quiz-mark').textContent(), /right after another try/);

  // A reload keeps the score and the questions (the quiz number is in the address).
  await page.reload();
  await page.getByTestId('quiz-score').waitFor(LONG);
  assert.equal(await score(page), 'Right on the first try: 2 · Answered right: 3 · Questions: 16');
  assert.equal(await questionText(page, 3), chain);

  // A new quiz has new questions and a fresh score.
  await page.getByRole('button', { name: 'New quiz' }).click();
  await page.waitForFunction(() => /quiz=6/.test(location.search));
  await page.waitForFunction(
    (old) => document.querySelector('#recap-quiz-3 .try-question')?.dataset.text !== old,
    chain,
  );
  assert.equal(await score(page), 'Right on the first try: 0 · Answered right: 0 · Questions: 16');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the race runs on a function picked from the menu, and the map links every lesson', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}lesson/recap`);
  const status = page.getByTestId('race-status');
  await page.waitForFunction(
    () => /^Finished/.test(document.querySelector('[data-testid=race-status]')?.textContent ?? ''),
    null,
    LONG,
  );
  await page.getByLabel('Function', { exact: true }).selectOption('saddle');
  await page.waitForFunction(() => /race-f=x/.test(location.search), null, LONG);
  await page.waitForFunction(
    () =>
      /^Finished/.test(document.querySelector('[data-testid=race-status]')?.textContent ?? '') &&
      document.querySelectorAll('[data-testid=race-sentences] li').length === 5,
    null,
    LONG,
  );
  assert.match(await status.textContent(), /^Finished/);
  const sentences = await page.$$eval('[data-testid=race-sentences] li', (lis) =>
    Object.fromEntries(lis.map((li) => [li.dataset.runner, li.textContent.trim()])),
  );
  assert.deepEqual(Object.keys(sentences).sort(), ['adam', 'gd', 'lbfgs', 'momentum', 'newton']);
  assert.match(sentences.newton, /^Newton's method /);
  for (const t of Object.values(sentences)) assert.doesNotMatch(t, /NaN/);
  assert.match(await page.getByTestId('race-reason').textContent(), /saddle/i);

  // The map of tools: one link per lesson before the recap, each to its page.
  const links = await page.$$eval('.recap-map a', (as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links.length, 12);
  assert.ok(links.every((h) => h.startsWith(`${BASE}lesson/`)), links.join(' '));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the race and quiz embeds keep their heading outline with every panel open', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  for (const name of ['race', 'quiz']) {
    await page.goto(`${site.origin}${BASE}embed/${name}`);
    await page.locator('main h1').waitFor({ state: 'attached', ...LONG });
    await page.locator('main h2').first().waitFor({ state: 'attached', ...LONG });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const levels = await page.$$eval('main h1, main h2, main h3, main h4', (hs) =>
      hs.filter((h) => h.getClientRects().length > 0 || h.classList.contains('visually-hidden'))
        .map((h) => Number(h.tagName[1])),
    );
    assert.equal(levels[0], 1, name);
    for (let i = 1; i < levels.length; i++) {
      assert.ok(levels[i] <= levels[i - 1] + 1, `${name}: h${levels[i]} follows h${levels[i - 1]}`);
    }
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  for (const scheme of ['light', 'dark']) {
    test(`the recap at ${name} width (${scheme}) has no sideways scroll`, async () => {
      const { page, context, problems } = await watchedPage(site.browser, site.origin, viewport, scheme);
      await page.goto(`${site.origin}${BASE}lesson/recap?quiz=3`);
      await page.waitForFunction(
        () => /^Finished/.test(document.querySelector('[data-testid=race-status]')?.textContent ?? ''),
        null,
        LONG,
      );
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `page scrolls sideways by ${wide}px`);
      await page.locator('.race').screenshot({ path: `${SHOTS}recap-race-${name}-${scheme}.png` });
      // A wrong answer, then a hint, so the shot shows feedback.
      const box = page.locator('#recap-quiz-4');
      await box.getByLabel('Your answer').fill('[1, 1]');
      await box.getByRole('button', { name: 'Check' }).click();
      await box.getByRole('button', { name: 'Hint' }).click();
      await box.locator('.try-feedback p').waitFor(LONG);
      await page.locator('.quiz-item').nth(3).screenshot({ path: `${SHOTS}recap-quiz4-${name}-${scheme}.png` });
      await page.locator('.quiz-item').nth(2).screenshot({ path: `${SHOTS}recap-quiz3-${name}-${scheme}.png` });
      await page.locator('.quiz-item').nth(14).screenshot({ path: `${SHOTS}recap-quiz15-${name}-${scheme}.png` });
      await page.locator('.race-chart').screenshot({ path: `${SHOTS}recap-race-chart-${name}-${scheme}.png` });
      await page.locator('.recap-map').screenshot({ path: `${SHOTS}recap-map-${name}-${scheme}.png` });
      assert.deepEqual(problems(), []);
      await context.close();
    });
  }
}
