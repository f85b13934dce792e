// End-to-end check that the contour map's tick labels and axis notes fit inside its canvas
// (issue 13: "00000" and "9065" were cut off when zoomed far in or out). The page's own
// text drawing is watched: every fillText on a canvas is recorded with the box the browser
// measures for it (measureText under the current font, alignment, baseline and transform),
// and whatever one canvas copies from another (the explorer's cached base layer) goes with
// it. At 360 px and 1280 px, on the default view, zoomed out to a window a million wide
// and zoomed in to a ten-thousandth near x, y ≈ 800 000, every text on the map must lie
// inside the canvas. The checker is also shown a text that does stick out, and must say so.
// The charts (the race's loss chart, the sweep, the regression's loss) are also read on a
// 360 px phone with three device pixels per CSS pixel: every text on them must be at least
// 11 CSS px tall (drawn in device pixels, tick labels were under 4 CSS px there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

/** Runs in the page before its scripts: records what each canvas's latest frame wrote. */
function recordCanvasText() {
  const texts = new WeakMap();
  const listOf = (canvas) => {
    if (!texts.has(canvas)) texts.set(canvas, []);
    return texts.get(canvas);
  };
  const P = CanvasRenderingContext2D.prototype;
  const { fillText, strokeText, fillRect, drawImage } = P;
  const record = (ctx, text, x, y) => {
    const m = ctx.measureText(text);
    const t = ctx.getTransform();
    const corners = [
      [x - m.actualBoundingBoxLeft, y - m.actualBoundingBoxAscent],
      [x + m.actualBoundingBoxRight, y - m.actualBoundingBoxAscent],
      [x - m.actualBoundingBoxLeft, y + m.actualBoundingBoxDescent],
      [x + m.actualBoundingBoxRight, y + m.actualBoundingBoxDescent],
    ].map(([px, py]) => [t.a * px + t.c * py + t.e, t.b * px + t.d * py + t.f]);
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    // The font's height in CSS px: its size in the context, times the context's scale, over
    // the canvas's backing-store pixels per CSS pixel.
    const px = Number((/(\d+(?:\.\d+)?)px/.exec(ctx.font) ?? [0, 0])[1]);
    const scale = Math.sqrt(Math.abs(t.a * t.d - t.b * t.c));
    const css = ctx.canvas.clientWidth || ctx.canvas.width;
    listOf(ctx.canvas).push({
      text: String(text),
      box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      cssPx: (px * scale) / (ctx.canvas.width / css),
    });
  };
  P.fillText = function (text, x, y, ...rest) {
    record(this, text, x, y);
    return fillText.call(this, text, x, y, ...rest);
  };
  P.strokeText = function (text, x, y, ...rest) {
    record(this, text, x, y);
    return strokeText.call(this, text, x, y, ...rest);
  };
  // A fill of the whole canvas starts a new frame.
  P.fillRect = function (x, y, w, h) {
    const t = this.getTransform();
    const [l, top] = [t.a * x + t.e, t.d * y + t.f];
    const [r, b] = [t.a * (x + w) + t.e, t.d * (y + h) + t.f];
    if (l <= 0 && top <= 0 && r >= this.canvas.width - 1 && b >= this.canvas.height - 1) {
      texts.set(this.canvas, []);
    }
    return fillRect.call(this, x, y, w, h);
  };
  // A copy of another canvas at the origin replaces this frame with that one's texts.
  P.drawImage = function (src, ...args) {
    if (src instanceof HTMLCanvasElement && args.length === 2 && args[0] === 0 && args[1] === 0) {
      texts.set(this.canvas, [...listOf(src)]);
    }
    return drawImage.call(this, src, ...args);
  };
  /** The texts of `canvas`'s latest frame that do not fit inside it (by more than 1 px). */
  window.__canvasText = (canvas) => {
    const all = listOf(canvas);
    const sizes = all.map((e) => e.cssPx);
    const outside = all.filter(
      ({ box: [l, t, r, b] }) => l < -1 || t < -1 || r > canvas.width + 1 || b > canvas.height + 1,
    );
    // Pairs of texts whose boxes overlap by more than 1 px each way.
    const overlapping = [];
    all.forEach((a, i) => all.slice(i + 1).forEach((b) => {
      const [al, at, ar, ab] = a.box;
      const [bl, bt, br, bb] = b.box;
      if (Math.min(ar, br) - Math.max(al, bl) > 1 && Math.min(ab, bb) - Math.max(at, bt) > 1) {
        overlapping.push([a.text, b.text]);
      }
    }));
    return {
      overlapping,
      texts: all.map((e) => e.text),
      outside,
      size: [canvas.width, canvas.height],
      smallest: sizes.length ? Math.min(...sizes) : null,
    };
  };
}

const MAP = '.fx-contour canvas';

/**
 * The map's texts once they differ from `before` (a previous result, if any) and have then
 * stopped changing: three equal reads in a row.
 */
async function settledText(page, before = null) {
  const old = before && JSON.stringify(before);
  let last = '';
  let same = 0;
  for (let i = 0; i < 600 && same < 3; i += 1) {
    const now = JSON.stringify(await page.$eval(MAP, (c) => window.__canvasText(c)));
    const fresh = now !== old && now.includes('"texts":["');
    same = fresh && now === last ? same + 1 : 0;
    last = now;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))));
  }
  assert.equal(same, 3, `the map was redrawn and settled: ${last}`);
  return JSON.parse(last);
}

/** The tick labels among `texts`: short numbers such as 2, −0.5, 1.5, 1000. */
const ticks = (texts) => texts.filter((t) => /^[−-]?\d+(\.\d+)?$/.test(t));

/** Turns the wheel over the map at (fx, fy) of its box, `times` times by `dy`. */
async function wheel(page, fx, fy, dy, times) {
  await page.locator(MAP).scrollIntoViewIfNeeded();
  const box = await page.locator(MAP).boundingBox();
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
  for (let i = 0; i < times; i += 1) await page.mouse.wheel(0, dy);
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`tick labels stay inside the contour map at ${viewport.width} px, zoomed in or out`, async () => {
    const { page, context, problems } = await watchedPage(site.browser, site.origin, viewport);
    await context.addInitScript(recordCanvasText);
    await page.goto(`${site.origin}${BASE}playground`);
    await page.waitForFunction((sel) => {
      const c = document.querySelector(sel);
      return c && c.width > 100 && c.width === c.height;
    }, MAP);
    // Before anything else, the recorder must see the map's own labels at all.
    const checks = [['default view', await settledText(page)]];
    // Zoom out about a point near the bottom-left corner: the window grows up and right
    // to about a million wide (a wider one is refused).
    await wheel(page, 0.15, 0.85, 1000, 7);
    checks.push(['zoomed out', await settledText(page, checks[0][1])]);
    // Zoom in about a point near the top-right corner, to a ten-thousandth of a unit
    // around x, y ≈ 800 000: labels need an offset and a power of ten taken out.
    await wheel(page, 0.85, 0.15, -1000, 12);
    checks.push(['zoomed in far from 0', await settledText(page, checks[1][1])]);
    await page.screenshot({ path: `${SHOTS}tick-labels-${name}.png` });
    for (const [when, seen] of checks) {
      assert.ok(ticks(seen.texts).length >= 6, `${when}: tick labels recorded: ${seen.texts}`);
      assert.deepEqual(seen.outside, [], `${when}: texts outside the ${seen.size} canvas`);
    }
    const far = checks[2][1].texts;
    assert.ok(
      far.some((t) => /^x = label( × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)? [+−] \d/.test(t)),
      `zoomed in far from 0, the x axis says what was taken out: ${far}`,
    );
    // The checker itself: a label drawn right-aligned at x = 2 sticks out to the left.
    const caught = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 100;
      c.height = 40;
      const ctx = c.getContext('2d');
      ctx.fillRect(0, 0, 100, 40);
      ctx.font = '11px sans-serif';
      ctx.textAlign = 'right';
      ctx.fillText('1000000.0002', 2, 20);
      ctx.textAlign = 'left';
      ctx.fillText('fits', 10, 20);
      return window.__canvasText(c).outside.map((e) => e.text);
    });
    assert.deepEqual(caught, ['1000000.0002']);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

test('chart texts are at least 11 CSS px on a 360 px phone with 3 device pixels per px', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await site.browser.newContext({
      viewport: VIEWPORTS.phone,
      deviceScaleFactor: 3,
      colorScheme,
    });
    await context.addInitScript(recordCanvasText);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}${BASE}lesson/gradients-in-ml`);
    await page.waitForFunction(
      () => /^Finished/.test(document.querySelector('[data-testid=race-status]')?.textContent ?? ''),
      null,
      { timeout: 120_000 },
    );
    const race = page.locator('.race');
    await race.getByRole('button', { name: 'Sweep η' }).click();
    await page.waitForFunction(
      () => /fastest rate swept/.test(document.querySelector('[data-testid=sweep-summary]')?.textContent ?? ''),
      null,
      { timeout: 120_000 },
    );
    const charts = {
      'race loss chart': 'canvas[aria-label^="Loss against step for each optimiser"]',
      'sweep chart': 'canvas[aria-label="Steps to converge against the learning rate"]',
      'regression loss chart': 'canvas[aria-label="Loss per step"]',
    };
    for (const [name, sel] of Object.entries(charts)) {
      const canvas = page.locator(sel).first();
      await canvas.scrollIntoViewIfNeeded();
      let seen = null;
      for (let i = 0; i < 100; i += 1) {
        seen = await canvas.evaluate((c) => window.__canvasText(c));
        if (ticks(seen.texts).length >= 3) break;
        await page.waitForTimeout(100);
      }
      assert.ok(ticks(seen.texts).length >= 3, `${name}: tick labels drawn: ${seen.texts}`);
      assert.ok(seen.smallest >= 10.5, `${name}: smallest text ${seen.smallest} CSS px`);
      assert.deepEqual(seen.outside, [], `${name}: texts outside the ${seen.size} canvas`);
      assert.deepEqual(seen.overlapping, [], `${name}: texts drawn over each other`);
      await canvas.screenshot({ path: `${SHOTS}chart-text-phone-${name.replaceAll(' ', '-')}-${colorScheme}.png` });
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the word-vector and policy-gradient pictures keep 11 CSS px labels on a 360 px phone at 3×', async () => {
  const context = await site.browser.newContext({ viewport: VIEWPORTS.phone, deviceScaleFactor: 3 });
  await context.addInitScript(recordCanvasText);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pictures = {
    'embed/embeddings': 'canvas[aria-label="Six word vectors in the plane"]',
    'lesson/beyond-basic-ml': 'canvas[aria-label^="The exact policy gradient and clouds"]',
  };
  for (const [path, sel] of Object.entries(pictures)) {
    await page.goto(`${site.origin}${BASE}${path}`);
    const canvas = page.locator(sel).first();
    await canvas.waitFor({ timeout: 60_000 });
    await canvas.scrollIntoViewIfNeeded();
    let seen = null;
    for (let i = 0; i < 150; i += 1) {
      seen = await canvas.evaluate((c) => window.__canvasText(c));
      if (seen.texts.length > 0) break;
      await page.waitForTimeout(100);
    }
    assert.ok(seen.texts.length > 0, `${path}: labels drawn`);
    assert.ok(seen.smallest >= 10.5, `${path}: smallest text ${seen.smallest} CSS px: ${seen.texts}`);
    assert.deepEqual(seen.outside, [], `${path}: texts outside the ${seen.size} canvas`);
    await canvas.screenshot({ path: `${SHOTS}chart-text-phone-${path.replaceAll('/', '-')}.png` });
  }
  assert.deepEqual(errors, []);
  await context.close();
});
