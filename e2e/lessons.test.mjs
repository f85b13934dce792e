// End-to-end tests of lessons 1–5 and 11 as a learner uses them: edit a function and see the
// results recomputed, move the point and see the readout change, answer the exercise wrongly
// and see what is wrong. Every number checked here is computed by the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, movePointWithKeyboard, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

async function openLesson(slug, viewport = VIEWPORTS.desktop) {
  const watched = await watchedPage(site.browser, site.origin, viewport);
  await watched.page.goto(`${site.origin}${BASE}lesson/${slug}`);
  await watched.page.locator('main h1').waitFor();
  await watched.page.waitForTimeout(150);
  return watched;
}

const partial = (page, field, v) =>
  page.getAttribute(
    `.widget:has(#${field}) .live-partial[data-var=${v}] .live-partial-result .math`,
    'data-pretty',
  );

async function answerWrongly(page, answer) {
  await page.fill('.try-input', answer);
  await page.click('.try-form button[type=submit]');
  const feedback = page.locator('.try-feedback .feedback-wrong, .try-feedback .feedback-unreadable');
  await feedback.waitFor();
  const text = await feedback.textContent();
  assert.ok(text.length > 15, `feedback says what is wrong: ${text}`);
  assert.equal(await page.locator('.try-feedback .feedback-ok').count(), 0);
  // A hint is the derivation's first step.
  await page.click('.try-actions button:has-text("Hint")');
  await page.locator('.try-hints li').first().waitFor();
  return text;
}

/**
 * Answers the lesson's exercise correctly by taking every hint: the hints give one idea
 * each, and only the last one gives the whole answer, which is then typed back. The test
 * checks on the way that the hints run out and that the earlier ones did not already give it.
 */
async function answerRightly(page) {
  const hint = page.locator('.try-actions button:has-text("Hint")');
  const items = page.locator('.try-hints li');
  while (await hint.isEnabled()) {
    const n = await items.count();
    await hint.click();
    await page.waitForFunction((k) => document.querySelectorAll('.try-hints li').length > k, n);
  }
  const all = await items.allTextContents();
  assert.ok(all.length >= 2, `at least two hints: ${all.join(' | ')}`);
  const last = all.at(-1);
  const example = last.match(/For example (\[[^\]]+\])/);
  const answer = example ? example[1] : last.slice(last.lastIndexOf('= ') + 2).replace(/\.$/, '');
  for (const earlier of all.slice(0, -1)) {
    assert.ok(answer.length < 3 || !earlier.includes(`= ${answer}.`), `an earlier hint gives ${answer} away: ${earlier}`);
  }
  await page.fill('.try-input', answer);
  await page.click('.try-form button[type=submit]');
  await page.locator('.try-feedback .feedback-ok').waitFor();
  assert.match(await page.textContent('.try-feedback'), /^Correct\. \S/);
}

test('lesson 1: the tangent readout follows the slider and the function', async () => {
  const { page, context, problems } = await openLesson('several-variables');
  const readout = page.locator('[data-testid=l1-tangent]');
  assert.match(await readout.textContent(), /At x = 1, f\(x\) = 1 and the tangent's slope f′\(x\) = 2\./);
  await page.fill('#several-variables-one', 'x^3');
  await page.waitForFunction(() => document.querySelector('[data-testid=l1-tangent]').textContent.includes('= 3.'));
  assert.equal(await partial(page, 'several-variables-one', 'x'), '3x²');
  await page.locator('.slider input[type=range]').first().fill('2');
  await page.waitForFunction(() => document.querySelector('[data-testid=l1-tangent]').textContent.includes('At x = 2, f(x) = 8'));
  // Beside the curve: the surface of the explorer's f(x, y) at the shared point.
  const surface = () => page.textContent('[data-testid=l1-surface]');
  assert.equal(await surface(), 'At (x, y) = (1, 0.5), f = 1.25. Along x the slope is 2; along y it is 1.');
  const { after } = await movePointWithKeyboard(page);
  await page.waitForFunction((a) => document.querySelector('[data-testid=l1-surface]').textContent.startsWith(`At (x, y) = ${a},`), after);
  const sliders = page.locator('.widget-pair .widget').nth(1).locator('input[type=range]');
  await sliders.nth(0).fill('1');
  await sliders.nth(1).fill('2');
  await page.waitForFunction(() => document.querySelector('[data-testid=l1-surface]').textContent.startsWith('At (x, y) = (1, 2)'));
  assert.equal(await surface(), 'At (x, y) = (1, 2), f = 5. Along x the slope is 2; along y it is 4.');
  assert.equal(await page.textContent('.fx-point'), '(1, 2)');
  await page.fill('.fx-input', 'x*y^2');
  await page.waitForFunction(() => document.querySelector('[data-testid=l1-surface]').textContent.includes('f = 4.'));
  assert.equal(await surface(), 'At (x, y) = (1, 2), f = 4. Along x the slope is 4; along y it is 4.');
  await page.fill('.fx-input', 'x^2 + y^2');
  await answerWrongly(page, '0');
  await answerRightly(page);
  await page.screenshot({ path: `${SHOTS}lesson1-in-use.png`, fullPage: true });
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 2: the worked example is recomputed and the held variable is marked', async () => {
  const { page, context, problems } = await openLesson('partial-derivative');
  assert.equal(await partial(page, 'partial-derivative-example', 'x'), '2x + 3y');
  assert.equal(await partial(page, 'partial-derivative-example', 'y'), '3x + 2y');
  // For ∂f/∂x, y is held: both y's are marked.
  assert.deepEqual(
    await page.$$eval('.live-partial[data-var=x] .held', (els) => els.map((e) => e.textContent)),
    ['y', 'y'],
  );
  // Each slice's slope is printed, and equals the matching component of ∇f.
  // ∇f is not defined yet (lesson 4): the explorer reads out the two partials instead.
  assert.equal(await page.locator('.fx-value-grad').count(), 0);
  const [gx, gy] = [await page.textContent('.fx-value-fx'), await page.textContent('.fx-value-fy')];
  const slices = await page.textContent('[data-testid=slice-slopes]');
  assert.ok(slices.includes(`slope ${gx} = ∂f/∂x`) && slices.includes(`slope ${gy} = ∂f/∂y`), slices);
  await page.fill('#partial-derivative-example', 'x^3*y^2');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.live-partial[data-var=y] .live-partial-result .math')].some(
      (m) => m.dataset.pretty === '2x³y',
    ),
  );
  assert.equal(await partial(page, 'partial-derivative-example', 'x'), '3x²y²');
  const { after: moved } = await movePointWithKeyboard(page);
  assert.notEqual(moved, '(1, 0.5)');
  const why = await answerWrongly(page, 'x');
  await answerRightly(page);
  assert.ok(why.length > 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 3: steps name their rules, and the chain-rule tree agrees with the direct derivative', async () => {
  const { page, context, problems } = await openLesson('computing-partials');
  assert.equal(await partial(page, 'computing-partials-ex1', 'x'), '3x²y²');
  assert.equal(await partial(page, 'computing-partials-ex1', 'y'), '2x³y');
  assert.equal(await partial(page, 'computing-partials-ex2', 'x'), '2xz');
  assert.equal(await partial(page, 'computing-partials-ex2', 'y'), '3y²');
  assert.equal(await partial(page, 'computing-partials-ex2', 'z'), 'x² − 5');
  const rules = await page.$$eval('.derivation-step', (els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.includes('Sum rule') && rules.includes('Chain rule'), rules.join(', '));
  await page.fill('#computing-partials-steps', '(x + 1)/(x + y)');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.derivation-step')].some((e) => e.dataset.rule === 'Quotient rule'),
  );
  assert.match(await page.textContent('[data-testid=chain-tree]'), /agrees with differentiating/);
  assert.equal(await page.locator('.chain-path').count(), 2);
  const tree = await page.innerHTML('[data-testid=chain-tree]');
  await page.fill('#computing-partials-h', 'exp(x) + y');
  await page.waitForFunction((t) => document.querySelector('[data-testid=chain-tree]').innerHTML !== t, tree);
  assert.match(await page.textContent('[data-testid=chain-tree]'), /agrees with differentiating/);
  await answerWrongly(page, '1');
  await answerRightly(page);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 4: at (3, 4) the readout shows ∇f = [6, 8], and it follows the point', async () => {
  const { page, context, problems } = await openLesson('gradient-vector');
  assert.equal(await page.textContent('.fx-point'), '(3, 4)');
  assert.equal(await page.textContent('.fx-value-grad'), '[6, 8]');
  assert.equal(
    await page.getAttribute('.widget:has(#gradient-vector-example) .live-gradient .math', 'data-pretty'),
    '[2x, 2y]',
  );
  await page.fill('#gradient-vector-example', 'x*y^2');
  await page.waitForFunction(
    () => document.querySelector('.widget .live-gradient .math')?.dataset.pretty === '[y², 2xy]',
  );
  const { after } = await movePointWithKeyboard(page);
  assert.notEqual(await page.textContent('.fx-value-grad'), '[6, 8]', after);
  const why = await answerWrongly(page, '[0, 0]');
  await answerRightly(page);
  assert.match(why, /Component 1/);
  await page.screenshot({ path: `${SHOTS}lesson4-in-use.png`, fullPage: true });
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 5: the steepest slope over 12 directions is |∇f|, reached along ∇f', async () => {
  const { page, context, problems } = await openLesson('gradient-geometry');
  const summary = await page.textContent('[data-testid=steepest-summary]');
  const [, best, along, norm] = summary.match(/Largest of these: (\S+)\. Along ∇f itself: (\S+)\. \|∇f\| = (\S+)\./) ?? [];
  assert.equal(along, norm, summary);
  assert.ok(Number(best.replace('−', '-')) <= Number(norm) + 1e-9, summary);
  await movePointWithKeyboard(page);
  await page.waitForFunction((s) => document.querySelector('[data-testid=steepest-summary]').textContent !== s, summary);
  await page.fill('.fx-input', 'x*y');
  await page.waitForFunction(() => document.querySelector('.fx-math[data-role=fx]')?.dataset.pretty === 'y');
  await answerWrongly(page, '[x, y]');
  await answerRightly(page);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 11: the dial gives 7.071 at (2, 3), |∇f| along ∇f and 0 along the level curve', async () => {
  const { page, context, problems } = await openLesson('directional-derivatives', VIEWPORTS.phone);
  assert.equal(await page.textContent('.fx-point'), '(2, 3)');
  assert.equal(await page.textContent('[data-testid=directional-value] strong'), '7.071');
  await page.click('button:has-text("Point v along ∇f")');
  const norm = (await page.textContent('[data-testid=gradient-norm]')).replace('|∇f| = ', '');
  await page.waitForFunction((n) => document.querySelector('[data-testid=directional-value] strong').textContent === n, norm);
  await page.click('button:has-text("Along the level curve")');
  await page.waitForFunction(() => document.querySelector('[data-testid=directional-value] strong').textContent === '0');
  // Moving the point changes ∇f and so D_v f.
  await page.click('button:has-text("Point v along ∇f")');
  const { after } = await movePointWithKeyboard(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=gradient-norm]').textContent !== `|∇f| = ${n}`, norm);
  assert.ok(after);
  const why = await answerWrongly(page, '123');
  await answerRightly(page);
  assert.ok(why.length > 0);
  await page.screenshot({ path: `${SHOTS}lesson11-in-use-phone.png`, fullPage: true });
  assert.deepEqual(problems(), []);
  await context.close();
});

test('solved exercises are remembered across a reload and shown on the home page', async () => {
  const { page, context, problems } = await openLesson('partial-derivative');
  await answerRightly(page);
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.goto(site.origin + BASE);
  await page.waitForSelector('.toc-item');
  const badge = page.locator(`.toc-item a[href="${BASE}lesson/partial-derivative"] .toc-progress`);
  assert.match(await badge.textContent(), /✓ 1 exercise solved/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a long derivative in lesson 3 scrolls in its box and does not widen a phone page', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, { width: 390, height: 844 });
  await page.goto(`${site.origin}${BASE}lesson/computing-partials`);
  await page.locator('#computing-partials-steps').waitFor();
  await page.fill('#computing-partials-steps', 'sin(x*y)*exp(x^2*y)*ln(1 + x^2 + y^4)*cos(x + y)/(1 + x^2*y^2)');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.derivation-step')].some((e) => e.dataset.rule === 'Quotient rule'),
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  assert.deepEqual(problems(), []);
  await context.close();
});
