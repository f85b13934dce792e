// Cold loads of the first lesson: what a learner waits for, measured in headless Chromium on
// the built site, with an empty cache each time. It prints, from the start of navigation:
// - the first contentful paint (the app shell from index.html, before the wasm has arrived),
// - the load event,
// - the first canvas drawn (a canvas with painted pixels, checked on every animation frame),
// - the first input accepted (the lesson's f(x) field takes "x^3" and its readout changes).
// The assertions are generous (a loaded 2-core machine runs these); the figures are the point.
// Also: the shell with scripts off, and the shell's message when the wasm cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

const RUNS = Number(process.env.NABLA_LOAD_RUNS ?? 3);

/**
 * Records, inside the page, the first animation frame at which the app has mounted (the
 * lesson's f(x) field is there) and at which any canvas shows pixels.
 */
function watchCanvases() {
  const probe = document.createElement('canvas');
  probe.width = 24;
  probe.height = 24;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  const painted = (c) => {
    if (!c.width || !c.height) return false;
    ctx.clearRect(0, 0, 24, 24);
    ctx.drawImage(c, 0, 0, 24, 24);
    const px = ctx.getImageData(0, 0, 24, 24).data;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  };
  const tick = () => {
    if (window.__mounted === undefined && document.getElementById('several-variables-one')) {
      window.__mounted = performance.now();
    }
    for (const c of document.querySelectorAll('main canvas')) {
      if (painted(c)) {
        window.__firstCanvas = performance.now();
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function coldLoad(run) {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await context.addInitScript(watchCanvases);
  const responses = [];
  // Each size is asked for as its request finishes and read before the context closes: a
  // `sizes()` still pending when the context closes rejects ("Target page, context or browser
  // has been closed"), which once failed CI. A size that cannot be read counts as 0 bytes.
  page.on('requestfinished', (req) =>
    responses.push(req.sizes().then((s) => s.responseBodySize, () => 0)),
  );
  await page.goto(`${site.origin}${BASE}lesson/several-variables`, { waitUntil: 'commit' });
  // The shell is in the page before any script runs.
  await page.locator('#app-loading').waitFor({ state: 'attached', timeout: 30_000 }).catch(() => {});
  const input = page.locator('#several-variables-one');
  await input.waitFor({ timeout: 120_000 });
  await input.fill('x^3');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=l1-tangent]')?.textContent.includes('= 3.'),
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  const inputAccepted = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => window.__firstCanvas !== undefined, null, { timeout: 60_000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      fcp: fcp ? fcp.startTime : NaN,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      firstCanvas: window.__firstCanvas,
      mounted: window.__mounted,
    };
  });
  if (run === 0) await page.screenshot({ path: `${SHOTS}load-lesson1.png` });
  assert.deepEqual(problems(), []);
  const bytes = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ...t, inputAccepted, bytes };
}

test('the first lesson loads cold, draws and takes input: timings', async () => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(i));
  const median = (k) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const ms = (x) => `${Math.round(x)} ms`.padStart(9);
  console.log(`cold load of /lesson/several-variables, ${RUNS} runs (median; each run):`);
  for (const [k, label] of [
    ['fcp', 'first contentful paint (shell)'],
    ['domContentLoaded', 'DOMContentLoaded'],
    ['load', 'load event'],
    ['mounted', 'app mounted (lesson field present)'],
    ['firstCanvas', 'first canvas drawn'],
    ['inputAccepted', 'first input accepted'],
  ]) {
    console.log(`  ${label.padEnd(36)} ${ms(median(k))}   [${runs.map((r) => Math.round(r[k])).join(', ')}]`);
  }
  console.log(`  bytes received (uncompressed)        ${median('bytes')}`);
  for (const r of runs) {
    // The shell paints before the app has drawn anything.
    assert.ok(r.fcp < r.firstCanvas, `the shell paints first (${r.fcp} < ${r.firstCanvas})`);
    assert.ok(r.firstCanvas < 60_000 && r.inputAccepted < 90_000, 'the lesson works within a minute');
  }
});

test('the app shell: shown while loading, replaced on mount, and honest without scripts', async () => {
  // Served HTML: the header and the loading line are there before any script runs.
  const html = await (await fetch(`${site.origin}${BASE}lesson/several-variables`)).text();
  assert.match(html, /id="app-shell"/);
  assert.match(html, /class="site-header"/);
  assert.match(html, /id="app-loading"/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');

  // While the wasm is on its way: the header and the loading line, styled as the app.
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop, 'dark');
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${site.origin}${BASE}lesson/several-variables`);
  const loading = page.locator('#app-loading[role=status]');
  await loading.waitFor();
  assert.match(await loading.textContent(), /Loading/);
  assert.ok(await page.locator('#app-shell header.site-header').isVisible());
  await page.screenshot({ path: `${SHOTS}shell-loading-dark.png` });
  release();

  // Mounted: one header (the app's), no shell, no loading line.
  await page.locator('main h1').waitFor();
  assert.equal(await page.locator('#app-shell').count(), 0);
  assert.equal(await page.locator('header.site-header').count(), 1);
  assert.deepEqual(problems(), []);
  await context.close();

  // Scripts off: the shell says the page needs JavaScript, and no spinner.
  const off = await site.browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.phone });
  const offPage = await off.newPage();
  await offPage.goto(`${site.origin}${BASE}lesson/several-variables`);
  assert.match(await offPage.locator('main').innerText(), /needs JavaScript and WebAssembly/);
  assert.equal(await offPage.locator('#app-loading').isVisible(), false);
  await offPage.screenshot({ path: `${SHOTS}shell-no-js.png` });
  await off.close();
});

test('when the wasm cannot load, the shell says so instead of spinning', async () => {
  const context = await site.browser.newContext({ viewport: VIEWPORTS.phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${site.origin}${BASE}lesson/several-variables`);
  const failed = page.locator('.app-failed[role=alert]');
  await failed.waitFor({ timeout: 30_000 });
  assert.match(await failed.textContent(), /Nabla could not start/);
  await page.screenshot({ path: `${SHOTS}shell-wasm-failed.png` });
  await context.close();
});

test("an embed's theme= colours the loading shell too, before the wasm arrives", async () => {
  const shellBackground = async (query) => {
    // The reader's system is light; the instructor asks for `query`.
    const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone, 'light');
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    // The boot module asks for the wasm after it has set the theme.
    const wasmAsked = page.waitForRequest((r) => r.url().endsWith('.wasm'));
    await page.goto(`${site.origin}${BASE}embed/dial${query}`);
    await page.locator('#app-loading').waitFor();
    await wasmAsked;
    const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const attribute = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    release();
    await page.locator('svg.dial').waitFor();
    assert.deepEqual(problems(), []);
    await context.close();
    return { colour, attribute };
  };
  const light = await shellBackground('');
  const dark = await shellBackground('?theme=dark');
  assert.equal(light.attribute, null);
  assert.equal(dark.attribute, 'dark');
  assert.notEqual(dark.colour, light.colour, 'the dark shell is not the light one');
  // Dark means dark: the shell's background is darker than mid-grey.
  const [r, g, b] = dark.colour.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 3 * 128, dark.colour);
});
