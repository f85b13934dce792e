// End-to-end check of issue 13's contour levels on the lessons' maps (MapCanvas): a loss that
// grows fast, e^(xy), gets levels on a log scale and the map says so under the picture; a
// bowl keeps evenly spaced levels and no note. Screenshots at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

const NOTE = '[data-testid=map-scale-note]';

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`a fast-growing loss's map says its levels are on a log scale (${viewport.width} px)`, async () => {
    const { page, context, problems } = await site.open('embed/learning-rate?f=exp(x*y)', viewport);
    await page.locator(NOTE).waitFor({ timeout: 60_000 });
    assert.match(await page.textContent(NOTE), /^\s*Log scale: f spans many orders of magnitude/);
    await page.locator('.map-canvas').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}map-levels-log-${name}.png` });
    // A bowl: evenly spaced levels need no note.
    await page.goto(`${site.origin}${BASE}embed/learning-rate?f=x%5E2%2B10y%5E2`);
    // Wait until the map is painted (its centre pixel is opaque), then look for a note.
    await page.waitForFunction(
      () => {
        const c = document.querySelector('.map-canvas canvas');
        if (!c || c.width < 100) return false;
        const px = c.getContext('2d').getImageData(c.width / 2, c.height / 2, 1, 1).data;
        return px[3] === 255;
      },
      null,
      { timeout: 60_000 },
    );
    assert.equal(await page.locator(NOTE).count(), 0);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}
