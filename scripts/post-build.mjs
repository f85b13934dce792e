// Trunk's post-build hook (Trunk.toml). It runs on the staged build, before Trunk moves it
// into dist/, and makes the page fit a strict Content Security Policy and work offline:
//
// 1. Trunk's inline start-up <script type="module"> becomes an external module,
//    boot-<hash>.js, so script-src needs no 'unsafe-inline' (trunk-rs/trunk#288 is open). The
//    module also registers the service worker.
// 1b. On a release build, a second, small binary (src/bin/nabla-lite.rs: the home page and
//    the light lessons) is built here with the same cargo profile, wasm-bindgen and wasm-opt
//    as Trunk's, and the boot module picks it for those addresses (LITE_LESSONS), so a first
//    visit downloads a fraction of the app. The small app reloads any other address with a
//    note in session storage, and the boot module then starts the full binary.
// 2. A <meta http-equiv="Content-Security-Policy">, because GitHub Pages cannot set headers.
// 3. manifest.webmanifest, so the browser offers to install the app.
// 4. sw.js, a service worker that precaches every file of this build (names follow Trunk's
//    hashes, so they are read from the staging folder, never typed). Its cache is named after
//    the build's contents: a new deployment installs a new cache and deletes the old one.
//
// `scripts/serve.sh --dev` sets NABLA_DEV_SERVE=1: Trunk's live reload is an inline script,
// so that mode keeps the start-up script as it is and has no service worker caching a build
// that is about to change.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The lessons the small binary draws (with the home page); src/lessons/mod.rs has the same
// list as LIGHT_LESSONS, and a test there checks this line.
const LITE_LESSONS = ['several-variables', 'partial-derivative', 'computing-partials', 'gradient-vector', 'gradient-geometry', 'directional-derivatives'];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me from Trunk)');
  process.exit(1);
}
if (process.env.NABLA_DEV_SERVE === '1') process.exit(0);

let base = process.env.TRUNK_PUBLIC_URL || '/';
if (!base.endsWith('/')) base += '/';

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // Leptos sets style attributes and the engine's MathML carries a few; no script can come
  // through a style attribute.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const sha = (alg, data) => createHash(alg).update(data).digest();
const htmlPath = join(staging, 'index.html');
let html = await readFile(htmlPath, 'utf8');

// 1. The inline start-up script, moved to a file of its own.
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error('post-build: no inline start-up script in index.html; has Trunk changed?');
  process.exit(1);
}
// Trunk's script imports the JS glue statically, so a failed download would stop the module
// before any of it runs. A dynamic import inside try/catch lets the page say what went wrong
// in place of index.html's "loading" line (the app shell) instead of spinning for ever.
const staticImport = /^import init, \* as bindings from '([^']+)';$/m;
if (!staticImport.test(found[1])) {
  console.error('post-build: the start-up script does not import its glue as expected; has Trunk changed?');
  process.exit(1);
}
const glueUrl = found[1].match(staticImport)[1];
const wasmMatch = found[1].match(/module_or_path: '([^']+)'/);
if (!wasmMatch) {
  console.error('post-build: the start-up script does not name its wasm as expected; has Trunk changed?');
  process.exit(1);
}
const wasmUrl = wasmMatch[1];
const start = found[1]
  .trim()
  .replace(staticImport, 'const bindings = await import(app.glue);\nconst init = bindings.default;')
  .replace(`'${wasmUrl}'`, 'app.wasm');

// 1b. The small binary, on a release build.
const lite = process.env.TRUNK_PROFILE === 'release' ? await buildLite() : null;
if (lite) {
  // Trunk preloads the full binary from <head>; the boot module chooses instead.
  html = html.replace(/<link rel="modulepreload"[^>]*>/g, '').replace(/<link rel="preload"[^>]*\.wasm"[^>]*>/g, '');
}

const boot = `// An embed has no site header: the shell drops its own before it is painted, if it can.
// Its instructor's theme= applies to the shell too, so a dark embed does not flash light
// while the wasm loads (the app sets the same attribute again: src/ui/embed.rs).
if (/\\/embed(\\/|$)/.test(location.pathname)) {
  document.querySelector('#app-shell .site-header')?.remove();
  const theme = new URLSearchParams(location.search).get('theme');
  if (theme === 'dark' || theme === 'light') document.documentElement.setAttribute('data-theme', theme);
}

// Which binary: the small one for the home page and the light lessons, unless the small app
// has just sent this address on to the full one (scripts/post-build.mjs, src/ui/app.rs).
const FULL = { glue: '${glueUrl}', wasm: '${wasmUrl}' };
const LITE = ${lite ? `{ glue: '${base}${lite.glue}', wasm: '${base}${lite.wasm}' }` : 'null'};
const LITE_PAGES = ${JSON.stringify(['', ...LITE_LESSONS.map((s) => `lesson/${s}`)])};
function pick() {
  if (!LITE) return FULL;
  let sentOn = false;
  try {
    sentOn = sessionStorage.getItem('nabla-full') === location.pathname;
    sessionStorage.removeItem('nabla-full');
  } catch {
    // No session storage: the small app cannot send a page on, so nothing was sent.
  }
  const path = location.pathname;
  if (sentOn || !path.startsWith('${base}')) return FULL;
  const page = path.slice(${base.length}).replace(/\\/+$/, '').replace(/^index\\.html$/, '');
  return LITE_PAGES.includes(page) ? LITE : FULL;
}
const app = pick();

try {
${start.replace(/^/gm, '  ').replace(/^ +$/gm, '')}
} catch (e) {
  console.error('Nabla could not start:', e);
  const line = document.getElementById('app-loading');
  const note = line ?? document.body.appendChild(document.createElement('p'));
  note.className = 'app-failed';
  note.setAttribute('role', 'alert');
  note.textContent =
    'Nabla could not start: ' + (e && e.message ? e.message : e) + '. It needs a browser ' +
    'with WebAssembly (a current Chrome, Edge, Firefox or Safari); reloading the page may help.';
}

// Offline after one visit: the service worker precaches this build (scripts/post-build.mjs).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('${base}sw.js', { scope: '${base}' }).catch((e) => {
    console.warn('Nabla works online only here: the service worker was refused.', e);
  });
}
`;
const bootName = `boot-${sha('sha256', boot).toString('hex').slice(0, 16)}.js`;
await writeFile(join(staging, bootName), boot);
const integrity = `sha384-${sha('sha384', boot).toString('base64')}`;
html = html.replace(
  inline,
  `<script type="module" src="${base}${bootName}" integrity="${integrity}"></script>`,
);

// 2. The policy, first in <head> so it covers everything after it; 3. the manifest link.
const head = [
  `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
  `<link rel="manifest" href="${base}manifest.webmanifest" />`,
  '<meta name="theme-color" content="#3b5bdb" />',
].join('\n    ');
html = html.replace(/<meta charset="utf-8"\s*\/?>/, (m) => `${m}\n    ${head}`);
if (!html.includes('Content-Security-Policy')) {
  console.error('post-build: could not place the Content-Security-Policy');
  process.exit(1);
}
await writeFile(htmlPath, html);

const files = (await readdir(staging)).filter((f) => !f.startsWith('.')).sort();
const icon = files.find((f) => /^favicon.*\.svg$/.test(f));
const manifest = {
  name: 'Nabla: partial derivatives and gradients',
  short_name: 'Nabla',
  description: 'Partial derivatives and gradients for machine learning, live and offline.',
  start_url: base,
  scope: base,
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#3b5bdb',
  icons: icon ? [{ src: `${base}${icon}`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }] : [],
};
await writeFile(join(staging, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));

// 4. The service worker, named after everything it precaches.
const assets = (await readdir(staging)).filter((f) => !f.startsWith('.') && f !== 'sw.js').sort();
const digest = createHash('sha256');
for (const f of assets) digest.update(f).update(await readFile(join(staging, f)));
const version = `nabla-${digest.digest('hex').slice(0, 16)}`;
const sw = `// Generated by scripts/post-build.mjs for this build: do not edit.
const CACHE = '${version}';
const BASE = '${base}';
const ASSETS = ${JSON.stringify(assets.map((f) => base + f))};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()),
  );
});

// A new deployment: its worker takes over at once and deletes every older cache.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.location.origin + BASE)) return;
  if (request.mode === 'navigate') {
    // Pages: the network first, so a new deployment shows at once; offline, the app's
    // index.html, which routes any deep link (a lesson, the playground, an embed) itself.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(BASE + 'index.html')),
      ),
    );
    return;
  }
  // Files: their names carry a hash of their contents, so a cached copy is never stale.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});
`;
await writeFile(join(staging, 'sw.js'), sw);
console.log(`post-build: ${bootName}, CSP, manifest, sw.js (${version}, ${assets.length} files)`);

/**
 * Builds src/bin/nabla-lite.rs as Trunk builds the main binary (cargo profile from
 * index.html's data-cargo-profile-release, `wasm-bindgen --target=web`, `wasm-opt` at
 * data-wasm-opt) into the staging folder with content-hashed names.
 */
async function buildLite() {
  const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
  const source = await readFile(process.env.TRUNK_HTML_FILE || join(root, 'index.html'), 'utf8');
  const profile = source.match(/data-cargo-profile-release="([^"]+)"/)?.[1] ?? 'release';
  const opt = source.match(/data-wasm-opt="([^"]+)"/)?.[1] ?? 'z';
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const meta = JSON.parse(
    execFileSync('cargo', ['metadata', '--format-version=1', '--no-deps', '--offline'], { cwd: root, maxBuffer: 1 << 26 }),
  );
  console.log(`post-build: building the small first-visit binary (nabla-lite, profile ${profile})`);
  run('cargo', ['build', '--target=wasm32-unknown-unknown', '--bin', 'nabla-lite', '--profile', profile, '--offline']);
  const raw = join(meta.target_directory, 'wasm32-unknown-unknown', profile, 'nabla-lite.wasm');
  const work = await mkdtemp(join(tmpdir(), 'nabla-lite-'));
  try {
    run('wasm-bindgen', ['--target=web', `--out-dir=${work}`, '--out-name=nabla-lite', '--no-typescript', raw]);
    const optimised = join(work, 'opt.wasm');
    run('wasm-opt', [`--output=${optimised}`, `-O${opt}`, join(work, 'nabla-lite_bg.wasm')]);
    const wasm = await readFile(optimised);
    const glue = await readFile(join(work, 'nabla-lite.js'));
    const hash = sha('sha256', Buffer.concat([wasm, glue])).toString('hex').slice(0, 16);
    const names = { glue: `nabla-lite-${hash}.js`, wasm: `nabla-lite-${hash}_bg.wasm` };
    await writeFile(join(staging, names.wasm), wasm);
    await writeFile(join(staging, names.glue), glue);
    console.log(`post-build: ${names.wasm}: ${wasm.length} bytes`);
    return names;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
