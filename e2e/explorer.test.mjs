// End-to-end tests of the function explorer on the playground, as a learner uses it, against
// the release build served under a sub-path: typing a function updates the typeset partials
// and the address, clicking the map moves the point, a typo shows an error while the old plot
// stays, ?bench prints timings, /embed/explorer shows only the widget. Screenshots at phone
// and desktop widths go to SHOTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

const pretty = (page, role) =>
  page.getAttribute(`.fx-math[data-role=${role}]`, 'data-pretty');

/** Opens the playground (or another path) and waits until the contour map is drawn. */
async function open(viewport, path = `${BASE}playground`, colorScheme = 'light') {
  const watched = await watchedPage(site.browser, site.origin, viewport, colorScheme);
  await watched.page.goto(site.origin + path);
  await watched.page.waitForFunction(() => {
    const c = document.querySelector('.fx-contour canvas');
    return c && c.width > 100 && c.width === c.height;
  });
  // Drawing happens in an effect after sizing: give it a frame.
  await watched.page.waitForTimeout(100);
  return watched;
}

const canvasData = (page) =>
  page.$eval('.fx-contour canvas', (c) => c.toDataURL());

test('typing x^3*y^2 shows its partial derivatives and puts it in the address', async () => {
  const { page, context, problems } = await open(VIEWPORTS.desktop);
  assert.equal(await pretty(page, 'f'), 'x² + 3xy + y²');
  assert.equal(await pretty(page, 'fx'), '2x + 3y');
  const before = await canvasData(page);
  await page.fill('.fx-input', 'x^3*y^2');
  await page.waitForFunction(
    () => document.querySelector('.fx-math[data-role=fx]')?.dataset.pretty === '3x²y²',
  );
  assert.equal(await pretty(page, 'fy'), '2x³y');
  assert.match(await page.innerHTML('.fx-math[data-role=fx]'), /<math/);
  // The address follows a moment later (writes are batched), replaced, not pushed.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('f') === 'x^3*y^2');
  assert.equal(new URL(page.url()).pathname, `${BASE}playground`);
  await page.waitForTimeout(100);
  assert.notEqual(await canvasData(page), before, 'the map was redrawn');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('clicking the contour map moves the point; hovering shows coordinates', async () => {
  const { page, context, problems } = await open(VIEWPORTS.desktop, `${BASE}playground?f=x*y`);
  assert.equal(await page.textContent('.fx-point'), '(1, 0.5)');
  assert.equal(await page.textContent('.fx-value-f'), '0.5');
  const box = await page.locator('.fx-contour canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.waitForSelector('.fx-hover');
  assert.match(await page.textContent('.fx-hover'), /^x = −?[\d.]+, y = −?[\d.]+, f = /);
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.waitForFunction(() => document.querySelector('.fx-point').textContent !== '(1, 0.5)');
  const point = await page.textContent('.fx-point');
  const [x, y] = point.replace(/[()]/g, '').replaceAll('−', '-').split(', ').map(Number);
  assert.ok(x < 0 && y > 0, `upper left of the map is x < 0, y > 0: ${point}`);
  // For f = xy the gradient is [y, x].
  const grad = await page.textContent('.fx-value-grad');
  assert.equal(grad, `[${point.slice(1, -1).split(', ')[1]}, ${point.slice(1, -1).split(', ')[0]}]`);
  assert.match(await page.textContent('.fx-contour .sr-only'), /^At the point \(/);
  // The canvas has focus now: arrow keys move the point.
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.textContent('.fx-point'), point);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a typo shows the error under the field while the last plot stays', async () => {
  const { page, context, problems } = await open(VIEWPORTS.desktop, `${BASE}playground?f=x^3*y^2`);
  assert.equal(await pretty(page, 'fx'), '3x²y²');
  const before = await canvasData(page);
  await page.fill('.fx-input', 'sin(x');
  await page.waitForSelector('.fx-error-message');
  assert.match(await page.textContent('.fx-error-message'), /Missing '\)'/);
  assert.equal(await page.getAttribute('.fx-input', 'aria-invalid'), 'true');
  const described = await page.getAttribute('.fx-input', 'aria-describedby');
  assert.match(await page.textContent(`#${described}`), /Missing/);
  assert.ok((await page.textContent('.fx-error-mark')).length > 0);
  await page.waitForTimeout(100);
  assert.equal(await canvasData(page), before, 'the old plot stays up unchanged');
  assert.equal(await pretty(page, 'fx'), '3x²y²');
  assert.equal(new URL(page.url()).searchParams.get('f'), 'x^3*y^2');
  await page.fill('.fx-input', 'sin(x)');
  await page.waitForFunction(
    () => document.querySelector('.fx-math[data-role=fx]')?.dataset.pretty === 'cos(x)',
  );
  assert.equal(await page.getAttribute('.fx-input', 'aria-invalid'), 'false');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('?bench prints drawing times', async () => {
  const { page, context, problems } = await open(VIEWPORTS.desktop, `${BASE}playground?bench`);
  await page.waitForFunction(
    () => /worst/.test(document.querySelector('#bench-result')?.textContent ?? ''),
    null,
    { timeout: 120_000 },
  );
  const report = await page.textContent('#bench-result');
  console.log(report);
  const figures = [...report.matchAll(/median ([\d.]+) ms, worst ([\d.]+) ms/g)];
  assert.equal(figures.length, 3, report);
  for (const [, median, worst] of figures) {
    assert.ok(Number(median) > 0 && Number(worst) >= Number(median), report);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the embed page shows only the explorer', async () => {
  const { page, context, problems } = await open(
    VIEWPORTS.desktop,
    `${BASE}embed/explorer?f=${encodeURIComponent('x*y^2')}`,
  );
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.site-footer').count(), 0);
  assert.equal(await pretty(page, 'fx'), 'y²');
  assert.deepEqual(problems(), []);
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`the playground at ${name} width (${colorScheme}) fits and draws both plots`, async () => {
      const { page, context, problems } = await open(viewport, `${BASE}playground`, colorScheme);
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
      const boxes = await page.$$eval('.fx-canvas', (cs) =>
        cs.map((c) => {
          const r = c.getBoundingClientRect();
          return { left: r.left, top: r.top, width: r.width, height: r.height };
        }),
      );
      assert.equal(boxes.length, 2);
      if (name === 'phone') {
        assert.ok(boxes[1].top >= boxes[0].top + boxes[0].height, 'stacked on phones');
      } else {
        assert.ok(Math.abs(boxes[1].top - boxes[0].top) < 2, 'side by side on desktop');
      }
      await page.screenshot({ path: `${SHOTS}explorer-${name}-${colorScheme}.png`, fullPage: true });
      assert.deepEqual(problems(), []);
      await context.close();
    });
  }
}
