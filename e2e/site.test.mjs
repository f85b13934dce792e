// End-to-end tests of the app shell against the release build served under a sub-path:
// every route loads directly (as a reloaded deep link would) at desktop and phone widths,
// with no console error and no request to another origin, and the navigation works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

let lessons = [];

const site = withSite(async () => {
  // The lesson list comes from the home page itself.
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(site.origin + BASE);
  await page.waitForSelector('.toc-item a');
  lessons = await page.$$eval('.toc-item a', (as) =>
    as.map((a) => ({
      href: new URL(a.href).pathname,
      title: a.querySelector('.toc-title').textContent,
    })),
  );
  await context.close();
});

test('the home page lists 13 lessons, each with a summary', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(site.origin + BASE);
  await page.waitForSelector('.toc-item');
  assert.equal(await page.locator('.toc-item').count(), 13);
  const summaries = await page.$$eval('.toc-summary', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(summaries.length, 13);
  for (const s of summaries) assert.ok(s.length > 20, `summary too short: ${s}`);
  assert.equal(lessons.length, 13);
  for (const l of lessons) assert.match(l.href, new RegExp(`^${BASE}lesson/[a-z0-9-]+$`));
  assert.deepEqual(problems(), []);
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`every route loads directly at ${name} width, without errors or other origins`, async () => {
    const routes = [
      { path: BASE, h1: /Partial derivatives and gradients/, shot: 'home' },
      { path: `${BASE}playground`, h1: /Playground/, shot: 'playground' },
      ...lessons.map((l) => ({ path: l.href, h1: l.title, shot: l.href.split('/').pop() })),
    ];
    for (const colorScheme of ['light', 'dark']) {
      const { page, context, problems } = await watchedPage(site.browser, site.origin, viewport, colorScheme);
      for (const route of routes) {
        await page.goto(site.origin + route.path);
        const h1 = page.locator('main h1');
        await h1.waitFor();
        const text = await h1.textContent();
        if (route.h1 instanceof RegExp) assert.match(text, route.h1, route.path);
        else assert.equal(text, route.h1, route.path);
        // Nothing wider than the screen.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `${route.path} overflows by ${overflow}px at ${name} width`);
        if (colorScheme === 'light' || route.shot === 'home') {
          await page.screenshot({ path: `${SHOTS}${route.shot}-${name}-${colorScheme}.png`, fullPage: true });
        }
      }
      assert.deepEqual(problems(), [], `${name} ${colorScheme}`);
      await context.close();
    }
  });
}

test('an unknown address shows a page-not-found message with a way home', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  await page.goto(`${site.origin}${BASE}lesson/no-such-lesson`);
  await page.locator('main h1', { hasText: 'Page not found' }).waitFor();
  await page.click('main a:has-text("Go to the lessons")');
  await page.waitForSelector('.toc-item');
  assert.equal(new URL(page.url()).pathname, BASE);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a learner walks the course by links and by keyboard', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(site.origin + BASE);
  await page.click(`a[href="${BASE}lesson/gradient-vector"]`);
  await page.locator('main h1', { hasText: 'The gradient vector' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${BASE}lesson/gradient-vector`);

  await page.click('.lesson-nav a[rel="next"]');
  await page.locator('main h1', { hasText: 'What the gradient means geometrically' }).waitFor();
  await page.click('.lesson-nav a[rel="prev"]');
  await page.locator('main h1', { hasText: 'The gradient vector' }).waitFor();

  // On a fresh load, the first Tab lands on the skip link, which is visible when focused.
  await page.goto(`${site.origin}${BASE}lesson/gradient-vector`);
  await page.locator('main h1').waitFor();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.className);
  assert.equal(focused, 'skip-link');
  const top = await page.evaluate(() => document.activeElement.getBoundingClientRect().top);
  assert.ok(top >= 0, 'the focused skip link is on screen');
  // Further Tabs reach the header links with a visible focus ring.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.toc-item');
  assert.equal(new URL(page.url()).pathname, BASE);

  await page.click('.site-links a:has-text("Playground")');
  await page.locator('main h1', { hasText: 'Playground' }).waitFor();
  await page.click('.brand');
  await page.waitForSelector('.toc-item');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('"Skip to content" on a lesson under a sub-path stays on the lesson and focuses it', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  await page.goto(`${site.origin}${BASE}lesson/gradient-vector`);
  await page.locator('main h1').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  assert.equal(new URL(page.url()).pathname, `${BASE}lesson/gradient-vector`);
  assert.equal(await page.locator('main h1').textContent(), 'The gradient vector');
  // A click does the same as the keyboard.
  await page.evaluate(() => document.querySelector('.skip-link').click());
  assert.equal(new URL(page.url()).pathname, `${BASE}lesson/gradient-vector`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('headings never skip a level on any page, so the outline a screen reader reads holds', async () => {
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  for (const path of [BASE, `${BASE}playground`, ...lessons.map((l) => l.href)]) {
    await page.goto(site.origin + path);
    await page.locator('main h1').waitFor();
    await page.waitForTimeout(100);
    const levels = await page.$$eval('main h1, main h2, main h3, main h4, main h5, main h6', (hs) =>
      hs.filter((h) => h.getClientRects().length > 0 || h.classList.contains('visually-hidden'))
        .map((h) => Number(h.tagName[1])),
    );
    assert.equal(levels[0], 1, `${path} starts with its h1`);
    for (let i = 1; i < levels.length; i++) {
      assert.ok(levels[i] <= levels[i - 1] + 1, `${path}: h${levels[i]} follows h${levels[i - 1]}`);
    }
  }
  await context.close();
});
