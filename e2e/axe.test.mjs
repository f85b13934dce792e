// Accessibility checked by machine (axe-core through @axe-core/playwright): the home page,
// every lesson, the playground, the embed index and every embed route, at phone and desktop
// widths, in the light and the dark theme. No serious or critical violation may remain; the
// counts of lesser ones are printed for the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { withSite, watchedPage, VIEWPORTS, BASE } from './harness.mjs';

let routes = [];

const site = withSite(async () => {
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(site.origin + BASE);
  await page.waitForSelector('.toc-item a');
  const lessons = await page.$$eval('.toc-item a', (as) => as.map((a) => new URL(a.href).pathname));
  await page.goto(`${site.origin}${BASE}embed`);
  await page.locator('main h1').waitFor();
  const embeds = await page.$$eval('main a[href*="/embed/"]', (as) => [
    ...new Set(as.map((a) => new URL(a.href).pathname)),
  ]);
  assert.ok(embeds.length >= 2, 'the embed index lists the widgets');
  routes = [BASE, `${BASE}playground`, `${BASE}embed`, ...lessons, ...embeds];
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds nothing serious on any page at ${name} width, ${colorScheme}`, async () => {
      const { page, context } = await watchedPage(site.browser, site.origin, viewport, colorScheme);
      const serious = [];
      let minor = 0;
      for (const path of routes) {
        await page.goto(site.origin + path);
        await page.locator('main h1').first().waitFor();
        // Let canvases, MathML and readouts settle before reading the page.
        await page.waitForTimeout(300);
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        for (const v of result.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
            serious.push(`${path}: ${v.id} (${v.impact}, ${v.nodes.length}×) at ${where}`);
          } else {
            minor += v.nodes.length;
          }
        }
      }
      console.log(`axe ${name} ${colorScheme}: ${routes.length} pages, ${serious.length} serious or critical, ${minor} minor or moderate nodes`);
      assert.deepEqual(serious, []);
      await context.close();
    });
  }
}
