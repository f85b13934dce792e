import { serve, launch, watchedPage, VIEWPORTS, BASE } from './harness.mjs';
const server = await serve();
const browser = await launch();
const path = process.argv[2];
const sel = process.argv[3];
const clicks = Number(process.argv[4] ?? 0);
for (const [name, vp] of Object.entries(VIEWPORTS)) {
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await watchedPage(browser, server.origin, vp, scheme);
    await page.goto(`${server.origin}${BASE}${path}`);
    await page.locator(sel).first().waitFor();
    await page.waitForTimeout(800);
    const ov = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.locator(sel).first().screenshot({ path: `/tmp/m/${name}-${scheme}-el.png` });
    console.log(name, scheme, 'overflow', ov, problems());
    await context.close();
  }
}
await browser.close(); await server.close();
