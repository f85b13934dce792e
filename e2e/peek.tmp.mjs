import { serve, launch, watchedPage, VIEWPORTS, BASE } from '/work/wt/race/e2e/harness.mjs';
const server = await serve();
const browser = await launch();
for (const [name, vp] of [['desktop', VIEWPORTS.desktop], ['phone', VIEWPORTS.phone]]) {
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await watchedPage(browser, server.origin, vp, scheme);
    const t0 = Date.now();
    await page.goto(`${server.origin}${BASE}${process.argv[2] ?? 'embed/race'}`);
    await page.waitForSelector('.race-sentences li', { timeout: 60000 });
    console.log(name, scheme, 'sentences after', Date.now() - t0, 'ms');
    console.log(await page.locator('.race-sentences').innerText());
    await page.screenshot({ path: `/tmp/race-${name}-${scheme}.png`, fullPage: true });
    console.log(problems());
    await context.close();
  }
}
await browser.close(); await server.close();
