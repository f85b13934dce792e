// The tables scripts/size.sh prints: the shipped wasm by crate (from twiggy's `top`, made on
// a build with names kept) and what the first lesson's page downloads (from the built dist/).
//   node scripts/size-report.mjs table top.json shipped_bg.wasm   the per-crate table
//   node scripts/size-report.mjs visit dist/                      what a first visit downloads
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const [mode, ...args] = process.argv.slice(2);
if (!((mode === 'table' && args.length === 2) || (mode === 'visit' && args.length === 1))) {
  console.error('usage: node scripts/size-report.mjs table top.json shipped_bg.wasm | visit dist/');
  process.exit(2);
}
// `gzip -9`, as scripts/build-pages.sh reports (node's zlib gives slightly different sizes).
const gz = (buf) => execFileSync('gzip', ['-9c'], { input: buf, maxBuffer: 1 << 28 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const pct = (n, total) => ((100 * n) / total).toFixed(1).padStart(5);

if (mode === 'table') table(...args);
else visit(args[0]);

function table(topPath, shippedPath) {
// twiggy 0.8 `top -f json`: [{ name, shallow_size, shallow_size_percent }, …]
  const top = JSON.parse(readFileSync(topPath, 'utf8'));
  const items = (Array.isArray(top) ? top : top.items).map((i) => ({
    name: String(i.name),
    size: Number(i.shallow_size),
  }));
  
  /** The crate a path-like name starts with, if it does: `core[1a2b]::fmt::…` gives `core`. */
  function leadingCrate(path) {
    const m = path.replace(/^[&*\s]*((dyn|mut|const|impl)\s+)*/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
    return m ? m[1] : null;
  }
  
  /**
   * The crate an item belongs to, from its demangled name, or a kind for what has no path.
   * `<T as tachys::view::Render>::build` counts for T's crate when T is a path, else for the
   * trait's (`<(A, B) as tachys::…>`, `<F as …>`); `<str>::to_lowercase` is std's.
   */
  function crateOf(name) {
    if (/^".*" subsection$/.test(name) || name.startsWith('custom section')) return '(name section, not shipped)';
    if (/^data segment/.test(name) || /^data\[\d+\]/.test(name)) return '(data: text, tables, constants)';
    if (/^(code|func)\[\d+\]/.test(name)) return '(unnamed code)';
    if (/^(__wbg_|__wbindgen|__externref)/.test(name)) return 'wasm-bindgen';
    if (/^(import|export) /.test(name) || /^(type|table|elem|global|memory)\[/.test(name))
      return '(wasm tables, types, imports, exports)';
    let c = null;
    if (name.startsWith('<')) {
      // Split `<X as Y>::rest` at the top-level " as ".
      let depth = 0;
      let as = -1;
      let end = -1;
      for (let i = 1; i < name.length; i++) {
        const ch = name[i];
        if (ch === '<' || ch === '(' || ch === '[') depth++;
        else if (ch === '>' || ch === ')' || ch === ']') {
          if (depth === 0) {
            end = i;
            break;
          }
          depth--;
        } else if (depth === 0 && as < 0 && name.startsWith(' as ', i)) as = i;
      }
      const self = name.slice(1, as >= 0 ? as : end >= 0 ? end : name.length);
      const trait = as >= 0 ? name.slice(as + 4, end >= 0 ? end : name.length) : '';
      c = leadingCrate(self) ?? leadingCrate(trait) ?? 'std';
    } else {
      c = leadingCrate(name);
    }
    if (!c) {
      // Bare symbols: the allocator and memcpy & co. come with the standard library.
      if (/^(mem|dl|__rust|__rdl|__rg|rust_)/.test(name)) return 'std (core, alloc, std)';
      return '(other: ' + name.slice(0, 24) + ')';
    }
    if (['core', 'alloc', 'std', 'compiler_builtins', 'dlmalloc', '__rustc', 'hashbrown'].includes(c))
      return c === 'hashbrown' ? 'hashbrown' : 'std (core, alloc, std)';
    if (c === 'nabla') return 'nabla (this app)';
    return c.replace(/_/g, '-');
  }
  
  const notShipped = (c) => c === '(name section, not shipped)';
  const byCrate = new Map();
  for (const it of items) {
    const c = crateOf(it.name);
    byCrate.set(c, (byCrate.get(c) ?? 0) + it.size);
  }
  // Small "(other: …)" groups are folded into one row.
  const rows = [];
  let other = 0;
  for (const [c, size] of byCrate) {
    if (notShipped(c)) continue;
    if (c.startsWith('(other: ')) other += size;
    else rows.push([c, size]);
  }
  if (other) rows.push(['(other, no crate path)', other]);
  rows.sort((a, b) => b[1] - a[1]);
  const counted = rows.reduce((s, [, n]) => s + n, 0);
  
  const shipped = readFileSync(shippedPath);
  console.log(`\nShipped wasm: ${shipped.length} bytes, ${gz(shipped)} gzipped (${shippedPath.split('/').pop()})`);
  console.log(`Named build for the table: ${counted} bytes without its name section\n`);
  console.log('| crate | KB | % |');
  console.log('|---|---:|---:|');
  const SMALL = 0.5; // per cent: smaller crates are summed in one row
  let small = 0;
  let smallCount = 0;
  for (const [c, size] of rows) {
    if ((100 * size) / counted < SMALL) {
      small += size;
      smallCount += 1;
      continue;
    }
    console.log(`| ${c} | ${kb(size).trim()} | ${pct(size, counted).trim()} |`);
  }
  if (smallCount) console.log(`| ${smallCount} crates under ${SMALL} % each | ${kb(small).trim()} | ${pct(small, counted).trim()} |`);
  console.log(`| **total** | ${kb(counted).trim()} | 100 |`);
  
  console.log('\nLargest items (own size):');
  for (const it of items.filter((i) => !notShipped(crateOf(i.name))).slice(0, 25)) {
    console.log(`${kb(it.size)} KB  ${it.name.slice(0, 110)}`);
  }
}

function visit(dist) {
// What the first lesson's page downloads: index.html (a deep link gets its copy, 404.html),
  // what it links (CSS, the icon, the manifest, any preloads, the boot module), the binary the
  // boot module starts for that page (the small one when the build has it) and the service
  // worker script. A heavy page (the full binary) is summed too.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const names = new Set(readdirSync(dist));
  const refs = (text) =>
    [...text.matchAll(/["']([^"'\s]+\.(?:js|wasm|css|svg|webmanifest))["']/g)]
      .map((m) => m[1].split('/').pop())
      .filter((f) => names.has(f));
  const page = new Set(['index.html', ...refs(html)]);
  if (names.has('sw.js')) page.add('sw.js');
  const bootName = [...page].find((f) => /^boot-.*\.js$/.test(f));
  const boot = bootName ? readFileSync(join(dist, bootName), 'utf8') : '';
  const binary = (which) => refs(boot.split('\n').find((l) => l.startsWith(`const ${which} = {`)) ?? '');
  const [full, lite] = [binary('FULL'), binary('LITE')];
  
  function listVisit(label, binaryFiles) {
    const files = new Set([...page, ...binaryFiles]);
    console.log(`\n${label} (files, bytes, gzip -9):`);
    let total = 0;
    let totalGz = 0;
    for (const f of [...files].sort()) {
      const buf = readFileSync(join(dist, f));
      const g = gz(buf);
      total += buf.length;
      totalGz += g;
      console.log(`${String(buf.length).padStart(10)} ${String(g).padStart(9)}  ${f}`);
    }
    console.log(`${String(total).padStart(10)} ${String(totalGz).padStart(9)}  total: ${(totalGz / 1024).toFixed(1)} KB gzipped`);
    return files;
  }
  const first = listVisit('First visit to the first lesson', lite.length ? lite : full);
  if (lite.length) listVisit('First visit to a heavy page (a machine-learning lesson, the playground, an embed)', full);
  const rest = [...names].filter((f) => !first.has(f) && !f.startsWith('.') && f !== '404.html');
  if (rest.length) {
    const restGz = rest.reduce((s, f) => s + gz(readFileSync(join(dist, f))), 0);
    console.log(`\nAfter that, the service worker precaches ${rest.length} more files in the background: ${(restGz / 1024).toFixed(1)} KB gzipped.`);
  }
}
