// End-to-end tests of the platform's promises on the release build: a strict
// Content-Security-Policy with no violation on any kind of page, no user text turned into
// markup, an installable manifest, and offline use after one visit (every lesson, the
// playground and an embed, by deep link), with a new deployment replacing the old cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withSite, serve, watchedPage, VIEWPORTS, BASE, DIST } from './harness.mjs';

const site = withSite();

test('the page carries a strict policy and breaks none of it anywhere', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'index.html has a Content-Security-Policy meta tag');
  const directives = Object.fromEntries(
    csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
  );
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'self'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script is left');

  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  for (const path of ['', 'lesson/gradient-vector', 'playground', 'embed/explorer', 'embed']) {
    await page.goto(site.origin + BASE + path);
    await page.locator('main h1, main .embed').first().waitFor();
  }
  // Drawing, typing and typesetting under the policy.
  await page.goto(`${site.origin}${BASE}playground`);
  const field = page.locator('main input[type="text"]').first();
  await field.fill('sin(x)*y^2');
  await page.locator('main math').first().waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('text a learner types never becomes markup', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await page.goto(`${site.origin}${BASE}playground`);
  const field = page.locator('main input[type="text"]').first();
  for (const hostile of [
    '<img src=x onerror=alert(1)>',
    'x</math><script>alert(1)</script>',
    '\\href{javascript:alert(1)}{x}',
    'x"><svg onload=alert(1)>',
  ]) {
    await field.fill(hostile);
    await page.waitForTimeout(200);
    const injected = await page.evaluate(
      () => document.querySelectorAll('main img, main script, main svg[onload], main [onerror]').length,
    );
    assert.equal(injected, 0, `markup from ${hostile}`);
  }
  // The same through the address.
  await page.goto(`${site.origin}${BASE}playground?f=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.querySelectorAll('main img').length), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the app can be installed: a manifest with a start URL, scope and icon', async () => {
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  await page.goto(site.origin + BASE);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const res = await page.request.get(new URL(href, site.origin).href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /manifest\+json/);
  const manifest = await res.json();
  assert.equal(manifest.start_url, BASE);
  assert.equal(manifest.scope, BASE);
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length >= 1);
  const icon = await page.request.get(new URL(manifest.icons[0].src, site.origin).href);
  assert.equal(icon.status(), 200);
  await context.close();
});

async function waitForWorker(page) {
  await page.waitForFunction(
    async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return Boolean(reg?.active && navigator.serviceWorker.controller);
    },
    null,
    { timeout: 60_000, polling: 250 },
  );
}

test('after one visit, lessons, the playground and embeds load with the network off', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  await page.goto(site.origin + BASE);
  await page.locator('.toc-item').first().waitFor();
  // The first visit installs the worker; a reload puts the page under its control.
  await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active));
  await page.reload();
  await waitForWorker(page);

  await context.setOffline(true);
  const visits = [
    ['lesson/directional-derivatives', 'main h1', 'Directional derivatives'],
    ['playground', 'main h1', 'Playground'],
    ['lesson/several-variables', 'main h1', 'From one variable to several'],
  ];
  for (const [path, selector, text] of visits) {
    await page.goto(site.origin + BASE + path);
    await page.locator(selector, { hasText: text }).waitFor({ timeout: 30_000 });
  }
  await page.goto(`${site.origin}${BASE}embed/explorer?f=x%5E2%2By%5E2`);
  await page.locator('main canvas').first().waitFor({ timeout: 30_000 });
  // The engine works offline too: a formula is typeset from what was typed.
  await page.goto(`${site.origin}${BASE}playground?f=x*y`);
  await page.locator('main math').first().waitFor({ timeout: 30_000 });
  await context.setOffline(false);
  // Offline pages log failed network fetches; nothing else may go wrong.
  const real = problems().filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p));
  assert.deepEqual(real, []);
  await context.close();
});

test('a new deployment replaces the old cache on the next load', async () => {
  // A copy of the build that can be "redeployed" by changing its worker.
  const dir = await mkdtemp(join(tmpdir(), 'nabla-deploy-'));
  await cp(DIST, dir, { recursive: true });
  const deployed = await serve(dir);
  const { page, context } = await watchedPage(site.browser, deployed.origin, VIEWPORTS.desktop);
  try {
    await page.goto(deployed.origin + BASE);
    await page.locator('.toc-item').first().waitFor();
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active));
    const first = await page.evaluate(() => caches.keys());
    assert.equal(first.length, 1);
    assert.match(first[0], /^nabla-[0-9a-f]{16}$/);

    const swPath = join(dir, 'sw.js');
    const sw = await readFile(swPath, 'utf8');
    await writeFile(swPath, sw.replace(first[0], 'nabla-0123456789abcdef'));
    await page.reload();
    await page.locator('.toc-item').first().waitFor();
    await page.waitForFunction(
      async () => {
        const keys = await caches.keys();
        return keys.length === 1 && keys[0] === 'nabla-0123456789abcdef';
      },
      null,
      { timeout: 60_000, polling: 250 },
    );
  } finally {
    await context.close();
    await deployed.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a course page embedding three widgets hears each one\'s height, in both message forms', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  const widgets = ['explorer', 'dial', 'logistic'];
  const index = await (await page.request.get(`${site.origin}${BASE}embed`)).text();
  assert.ok(index.length > 0);
  // A parent page of another origin (about:blank) with one iframe per widget.
  await page.setContent(`<!doctype html><html><body>
    <script>
      window.heights = [];
      addEventListener('message', (e) => window.heights.push(e.data));
    </script>
    ${widgets
      .map((w) => `<iframe name="${w}" src="${site.origin}${BASE}embed/${w}" width="600" height="450"></iframe>`)
      .join('\n')}
  </body></html>`);
  await page.waitForFunction(
    (n) => {
      const ours = window.heights.filter((m) => m && m.type === 'nabla:resize');
      const lti = window.heights.filter((m) => m && m.subject === 'lti.frameResize');
      return ours.length >= n && lti.length >= n;
    },
    widgets.length,
    { timeout: 60_000, polling: 200 },
  );
  for (const m of await page.evaluate(() => window.heights)) {
    assert.ok(Number.isFinite(m.height) && m.height > 100, JSON.stringify(m));
  }
  // Each frame reports the height of its own content (its latest message matches its
  // document once layout has settled; a loaded machine may need a moment).
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
    let own = 0;
    let heights = [];
    for (let tries = 0; tries < 50; tries++) {
      own = await frame.evaluate(() => {
        const r = document.querySelector('.embed').getBoundingClientRect();
        return Math.ceil(r.bottom + scrollY + 8);
      });
      heights = await page.evaluate(() => window.heights.map((m) => m.height));
      if (heights.some((h) => Math.abs(h - own) <= 2)) break;
      await page.waitForTimeout(200);
    }
    assert.ok(
      heights.some((h) => Math.abs(h - own) <= 2),
      `${frame.url()} posted its height ${own}: ${JSON.stringify(heights)}`,
    );
  }
  assert.deepEqual(problems(), []);
  await context.close();
});
