// End-to-end test of plots on a phone: a one-finger swipe over a plot scrolls the page and
// leaves the plot alone; a tap wakes the plot (and moves the point there), after which a drag
// moves the point. Playwright has no touch-move API, so fingers go through the Chrome
// DevTools Protocol (`Input.dispatchTouchEvent`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, BASE, SHOTS } from './harness.mjs';

const site = withSite();

async function phone() {
  const context = await site.browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, errors };
}

/** One finger from `from` to `to` in `steps` moves, then lifted. */
async function swipe(cdp, from, to, steps = 12) {
  const point = (x, y) => [{ x, y, radiusX: 4, radiusY: 4, force: 1, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(...from) });
  for (let i = 1; i <= steps; i++) {
    const x = from[0] + ((to[0] - from[0]) * i) / steps;
    const y = from[1] + ((to[1] - from[1]) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tap(cdp, at) {
  await swipe(cdp, at, at, 0);
}

/** The point in the address (`p=`), or null when it is at its default. */
const addressPoint = (page) => page.evaluate(() => new URL(location.href).searchParams.get('p'));

/** Waits until the page has stopped scrolling (a swipe may fling on for a while). */
async function settle(page) {
  let last = NaN;
  for (let i = 0; i < 50; i++) {
    const y = await page.evaluate(() => scrollY);
    if (y === last) return;
    last = y;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until `fn` (polled in node) returns true, or fails with `what`. */
async function until(fn, what, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(what);
}

test('on a phone, a swipe over the contour map scrolls the page; a tap wakes it and a drag moves the point', async () => {
  const { context, page, cdp, errors } = await phone();
  await page.goto(`${site.origin}${BASE}playground`);
  const map = page.locator('.fx-contour canvas');
  await map.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForTimeout(500);
  // The map in the middle of the screen, with page left to scroll both ways.
  await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  const hint = page.locator('.fx-contour [data-testid=touch-hint]');
  assert.ok(await hint.isVisible(), 'the touch hint shows on a touch screen');
  assert.match(await hint.innerText(), /Swipe over the map to scroll/);
  const before = await addressPoint(page);
  const box = await map.boundingBox();
  const mid = [box.x + box.width / 2, box.y + box.height / 2];
  const y0 = await page.evaluate(() => scrollY);

  await swipe(cdp, [mid[0], mid[1] + 100], [mid[0], mid[1] - 150]);
  await until(async () => (await page.evaluate(() => scrollY)) > y0 + 50, 'the swipe scrolled the page');
  await settle(page);
  assert.equal(await addressPoint(page), before, 'the swipe did not move the point');
  assert.equal(await map.evaluate((el) => el.classList.contains('touch-awake')), false);
  await page.screenshot({ path: `${SHOTS}touch-swiped-360.png` });

  // A tap wakes the map and moves the point where it landed.
  await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle(page);
  const b2 = await map.boundingBox();
  const at = [b2.x + b2.width * 0.3, b2.y + b2.height * 0.3];
  await tap(cdp, at);
  await until(async () => (await addressPoint(page)) !== before, 'the tap moved the point');
  assert.equal(await map.evaluate((el) => el.classList.contains('touch-awake')), true);
  assert.match(await hint.innerText(), /in use/);
  const tapped = await addressPoint(page);
  const y1 = await page.evaluate(() => scrollY);

  // Awake, a drag moves the point and does not scroll the page.
  await swipe(cdp, at, [at[0] + 60, at[1] + 60]);
  await until(async () => (await addressPoint(page)) !== tapped, 'the drag moved the point');
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - y1) < 2, 'the drag did not scroll');
  await page.screenshot({ path: `${SHOTS}touch-awake-360.png` });

  // A touch outside the map puts it back to rest.
  await tap(cdp, [5, 5]);
  await until(
    async () => !(await map.evaluate((el) => el.classList.contains('touch-awake'))),
    'a touch outside put the map to rest',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone, a swipe over the race map scrolls the page and a tap starts the race there', async () => {
  const { context, page, cdp, errors } = await phone();
  await page.goto(`${site.origin}${BASE}embed/race`);
  const map = page.locator('.race-map canvas');
  await map.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForTimeout(500);
  const start = page.locator('[data-testid=race-start]');
  const before = await start.innerText();
  const box = await map.boundingBox();
  const mid = [box.x + box.width / 2, box.y + box.height / 2];
  const y0 = await page.evaluate(() => scrollY);
  await swipe(cdp, [mid[0], mid[1] + 100], [mid[0], mid[1] - 100]);
  await until(async () => (await page.evaluate(() => scrollY)) > y0 + 50, 'the swipe scrolled the page');
  await settle(page);
  assert.equal(await start.innerText(), before, 'the swipe did not move the start');
  await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle(page);
  const b2 = await map.boundingBox();
  await tap(cdp, [b2.x + b2.width * 0.7, b2.y + b2.height * 0.6]);
  await until(async () => (await start.innerText()) !== before, 'the tap moved the start');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone, a swipe over the direction dial scrolls the page; a tap wakes it and a drag turns v', async () => {
  const { context, page, cdp, errors } = await phone();
  await page.goto(`${site.origin}${BASE}embed/dial`);
  const dial = page.locator('svg.dial');
  await dial.waitFor({ state: 'visible', timeout: 30000 });
  // Room to scroll: the embed is short, so give the page a tall foot.
  await page.evaluate(() => document.body.style.setProperty('padding-bottom', '1500px'));
  await dial.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle(page);
  const angle = page.getByLabel('angle of v in degrees');
  const before = await angle.inputValue();
  const box = await dial.boundingBox();
  const mid = [box.x + box.width / 2, box.y + box.height / 2];
  const y0 = await page.evaluate(() => scrollY);
  await swipe(cdp, [mid[0] + 30, mid[1] + 60], [mid[0] + 30, mid[1] - 60]);
  await until(async () => (await page.evaluate(() => scrollY)) > y0 + 30, 'the swipe scrolled the page');
  await settle(page);
  assert.equal(await angle.inputValue(), before, 'the swipe did not turn v');
  assert.match(await page.locator('.direction-dial [data-testid=touch-hint]').innerText(), /Swipe over the dial/);

  // A tap to the left of the centre wakes the dial and points v at 180°.
  await dial.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle(page);
  const b = await dial.boundingBox();
  const c = [b.x + b.width / 2, b.y + b.height / 2];
  await tap(cdp, [c[0] - b.width * 0.35, c[1]]);
  // Finger positions are whole CSS pixels, about 1° apart on this ring.
  const near = async (deg) => Math.abs(Number(await angle.inputValue()) - deg) <= 1.5;
  await until(() => near(180), 'the tap pointed v at 180°');
  assert.equal(await dial.evaluate((el) => el.classList.contains('touch-awake')), true);
  // Awake, a drag up and round turns v to 90° without scrolling the page.
  const y1 = await page.evaluate(() => scrollY);
  await swipe(cdp, [c[0] - b.width * 0.35, c[1]], [c[0], c[1] - b.width * 0.35]);
  await until(() => near(90), 'the drag turned v to 90°');
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - y1) < 2, 'the drag did not scroll');
  await page.screenshot({ path: `${SHOTS}touch-dial-awake-360.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
