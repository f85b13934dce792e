// Shared end-to-end harness: a static server that behaves like GitHub Pages (the site lives
// under a sub-path; a missing path is answered with 404.html), and a Chromium launched from
// Debian's package with the network locked to this machine.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const DIST = process.env.NABLA_DIST ?? new URL('../dist', import.meta.url).pathname;
export const BASE = process.env.NABLA_BASE ?? '/nabla/';
export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

async function fileIfExists(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return fileIfExists(join(path, 'index.html'));
    return path;
  } catch {
    return null;
  }
}

/** Serves `dir` (the build, DIST) under BASE on 127.0.0.1 and resolves to { origin, close }. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    let file = null;
    if (path.startsWith(BASE)) {
      const rel = normalize(path.slice(BASE.length)).replace(/^(\.\.[/\\])+/, '');
      file = await fileIfExists(join(dir, rel));
    }
    if (file) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } else {
      // What GitHub Pages does: the site's 404.html, with status 404.
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(await readFile(join(dir, '404.html')));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

/** Launches Debian's Chromium headless, with no background traffic. */
export async function launch() {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A number as pages print it: a true minus sign, and powers of ten as `1.2 × 10⁻⁷`. */
export const NUMBER = '[−-]?\\d+(?:\\.\\d+)?(?: × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?';

/** Reads a number as pages print it (`−0.5`, `2.5 × 10⁻¹¹`, `1000`); NaN if it is not one. */
export function pageNumber(text) {
  const t = String(text).trim().replaceAll('−', '-');
  const m = /^(-?\d+(?:\.\d+)?) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (!m) return Number(t);
  const exp = [...m[2]].map((c) => (c === '⁻' ? '-' : '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c))).join('');
  return Number(`${m[1]}e${exp}`);
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
};

/**
 * A page that records console errors, uncaught exceptions and every request to another
 * origin. `problems()` lists them; a test asserts it is empty.
 */
export async function watchedPage(browser, origin, viewport, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // A deep link loaded directly is answered by 404.html with status 404, as GitHub Pages
    // does, and Chromium logs that status. Failed sub-resources are caught below instead.
    if (msg.text().startsWith('Failed to load resource')) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.request().isNavigationRequest()) {
      problems.push(`failed request: ${res.status()} ${res.url()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  // A Content-Security-Policy violation is a problem even where the browser only reports it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(origin + '/')) problems.push(`request to another origin: ${url}`);
  });
  return { page, context, problems: () => problems };
}

/**
 * The set-up every test file shares: before its tests, serve the build (DIST) and launch
 * Chromium; after them, close both. Returns `site`, whose `origin` and `browser` are ready
 * inside the tests; `ready(site)`, when given, runs once after both are up (e.g. to read the
 * lesson list from the home page). `site.open(path, viewport, colorScheme)` opens
 * `BASE + path` in a new watched page (see `watchedPage`).
 */
export function withSite(ready) {
  const site = { origin: '', browser: null, server: null };
  site.open = async (path, viewport = VIEWPORTS.desktop, colorScheme = 'light') => {
    const watched = await watchedPage(site.browser, site.origin, viewport, colorScheme);
    await watched.page.goto(`${site.origin}${BASE}${path}`);
    return watched;
  };
  before(async () => {
    site.server = await serve();
    site.origin = site.server.origin;
    site.browser = await launch();
    if (ready) await ready(site);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Moves the explorer's point one step left and down with the arrow keys on the focused
 * contour map, and returns the point readout before and after. */
export async function movePointWithKeyboard(page) {
  const before = await page.textContent('.fx-point');
  await page.focus('.fx-contour canvas');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((b) => document.querySelector('.fx-point').textContent !== b, before);
  return { before, after: await page.textContent('.fx-point') };
}

/**
 * The `src` address of an Embed snippet: opens the first Embed control within `scope` (a page
 * or a locator) and reads the `<iframe>` code it shows.
 */
export async function snippetSrc(scope) {
  await scope.getByRole('button', { name: 'Embed' }).first().click();
  const code = await scope.locator('[data-testid=embed-code]').first().inputValue();
  const src = code.match(/src="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(src, code);
  return new URL(src);
}
