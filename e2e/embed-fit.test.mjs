// End-to-end test of embeds in small frames: every registered widget's embed page, opened in
// a 600 × 450 and a 900 × 700 viewport (the iframe sizes instructors use), shows its main
// plot (or, for a widget without a canvas, its main control) within the first screen, whole
// and at a usable size. Screenshots of each go to e2e/screenshots/embed-fit-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, BASE, SHOTS } from './harness.mjs';

const FRAMES = [
  { width: 600, height: 450 },
  { width: 900, height: 700 },
];

let names = [];

const site = withSite(async () => {
  const { page, context } = await watchedPage(site.browser, site.origin, FRAMES[1]);
  await page.goto(`${site.origin}${BASE}embed`);
  await page.waitForSelector('.widget-list li');
  names = await page.$$eval('.widget-list li', (lis) => lis.map((li) => li.dataset.widget));
  await context.close();
});

/**
 * The widget's main element: the element marked `data-embed-main`, else its first canvas,
 * else its first form control. Resolves to its bounding box and what it is.
 */
async function mainBox(page, name) {
  const handle = page.locator(
    `.embed[data-widget=${name}] [data-embed-main], .embed[data-widget=${name}] canvas, ` +
      `.embed[data-widget=${name}] input, .embed[data-widget=${name}] button`,
  );
  await handle.first().waitFor({ state: 'visible', timeout: 20000 });
  return page.evaluate((name) => {
    const root = document.querySelector(`.embed[data-widget=${name}]`);
    const el =
      root.querySelector('[data-embed-main]') ??
      root.querySelector('canvas') ??
      root.querySelector('input, select, textarea, button');
    const r = el.getBoundingClientRect();
    return {
      what: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`,
      canvas: el.tagName === 'CANVAS',
      left: r.left,
      top: r.top,
      right: r.right,
      bottom: r.bottom,
      width: r.width,
      height: r.height,
    };
  }, name);
}

test('the embed index lists widgets to check', () => {
  assert.ok(names.length >= 10, names.join(','));
});

for (const frame of FRAMES) {
  test(`every embed shows its main plot within a ${frame.width} × ${frame.height} frame`, async () => {
    const failures = [];
    for (const name of names) {
      const { page, context, problems } = await watchedPage(site.browser, site.origin, frame);
      await page.goto(`${site.origin}${BASE}embed/${name}`);
      const box = await mainBox(page, name);
      // Give the layout a moment to settle after the first drawing (auto-resize, fonts).
      await page.waitForFunction(
        () => document.fonts.status === 'loaded' && !document.querySelector('.embed [aria-busy=true]'),
        null,
        { timeout: 10000 },
      );
      const settled = await mainBox(page, name);
      await page.screenshot({ path: `${SHOTS}embed-fit-${name}-${frame.width}x${frame.height}.png` });
      const b = settled;
      const inside =
        b.left >= -1 && b.top >= -1 && b.right <= frame.width + 1 && b.bottom <= frame.height + 1;
      // A plot must be a plot, not a thumbnail: at least 40 % of the frame's shorter side
      // in both directions (a control just has to be there and whole).
      const short = Math.min(frame.width, frame.height);
      const bigEnough = b.canvas
        ? Math.min(b.width, b.height) >= 0.4 * short
        : b.width >= 24 && b.height >= 16;
      if (!inside || !bigEnough) {
        failures.push(
          `${name}: ${b.what} at (${Math.round(b.left)}, ${Math.round(b.top)}) ` +
            `${Math.round(b.width)} × ${Math.round(b.height)}` +
            (inside ? '' : ' is not inside the frame') +
            (bigEnough ? '' : ' is too small'),
        );
      }
      assert.deepEqual(problems(), [], name);
      assert.ok(box.width > 0);
      await context.close();
    }
    assert.deepEqual(failures, []);
  });
}
