// End-to-end tests of lessons 10 (pitfalls) and 12 (beyond basic ML) as a learner uses them:
// inject a bug and see the gradient check fail, switch clipping on and off, make a deep
// sigmoid chain vanish, pick an image and read a pixel's patch sum, see the aperture problem
// on an edge, and see a baseline lower the variance of REINFORCE. Each test opens its own
// page, so they do not depend on each other's order. Every number checked is computed by
// the page; the tests only compare it with what the lesson says it should be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, BASE, SHOTS, NUMBER, pageNumber } from './harness.mjs';

const site = withSite();

async function open(path, viewport = VIEWPORTS.desktop, colorScheme = 'light') {
  const watched = await site.open(path, viewport, colorScheme);
  await watched.page.locator('main h1, .embed h1').first().waitFor({ state: 'attached' });
  return watched;
}

/** Sets a range input the way a drag does: a new value and a bubbling input event. */
async function setRange(locator, value) {
  await locator.evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Waits until `locator`'s text matches `re`, and returns the text. */
async function textMatching(page, selector, re) {
  await page.waitForFunction(
    ([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent ?? ''),
    [selector, re.source, re.flags],
  );
  return page.locator(selector).textContent();
}

/** Parses the page's number format (true minus signs, 2.5 × 10⁻¹¹). */
const num = pageNumber;

// ───────────────────────────── lesson 10 ─────────────────────────────

test('gradient check: a correct gradient is good, each injected bug is caught', async () => {
  const { page, context, problems } = await open('lesson/pitfalls');
  const lab = page.getByTestId('gradient-check');
  await textMatching(page, '[data-testid=verdict]', /^good/);
  assert.ok(num(await lab.getByTestId('relative-error').textContent()) < 1e-7);
  for (const [button, key] of [
    ['Drop a factor of 2', 'half'],
    ['Swap the partials', 'swap'],
  ]) {
    await lab.getByRole('button', { name: button }).click();
    await textMatching(page, '[data-testid=verdict]', /^wrong/);
    assert.ok(num(await lab.getByTestId('relative-error').textContent()) > 1e-2);
    assert.equal(await lab.getByRole('button', { name: button }).getAttribute('aria-pressed'), 'true');
    await page.waitForFunction((k) => location.search.includes(`bug=${k}`), key);
  }
  await lab.getByRole('button', { name: 'Kink at the point' }).click();
  await textMatching(page, '[data-testid=verdict]', /^(suspect|wrong)/);
  await lab.getByRole('button', { name: 'No bug' }).click();
  await textMatching(page, '[data-testid=verdict]', /^good/);
  // The V: slopes near 1 and 2 are read off the chart's data.
  const summary = await lab.getByTestId('v-summary').textContent();
  const slopes = [...summary.matchAll(/slope (−?[\d.]+) \(truncation\)/g)].map((m) => num(m[1]));
  assert.equal(slopes.length, 2, summary);
  assert.ok(Math.abs(slopes[0] - 1) < 0.2 && Math.abs(slopes[1] - 2) < 0.2, summary);
  await lab.getByLabel('Add single precision (f32)').check();
  await textMatching(page, '[data-testid=v-summary]', /single precision/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('gradient check: both failures of the absolute rule are shown live', async () => {
  const { page, context, problems } = await open('lesson/pitfalls');
  const lab = page.getByTestId('gradient-check');
  await lab.getByRole('button', { name: 'Show: exact, yet rejected' }).click();
  await textMatching(page, '[data-testid=absolute-rule]', /would say: fail/);
  await textMatching(page, '[data-testid=verdict]', /^good/);
  assert.ok(num(await lab.getByTestId('absolute-error').textContent()) > 1e-7);
  assert.match(await lab.getByTestId('absolute-rule').textContent(), /disagrees/);
  assert.match(await lab.getByTestId('case-lesson').textContent(), /exact/);
  await lab.getByRole('button', { name: 'Show: wrong, yet accepted' }).click();
  await textMatching(page, '[data-testid=absolute-rule]', /would say: pass/);
  await textMatching(page, '[data-testid=verdict]', /^wrong/);
  assert.ok(Math.abs(num(await lab.getByTestId('relative-error').textContent()) - 0.5) < 1e-3);
  assert.equal(await page.inputValue('#gc-f'), '0.00000001*(x^2 + y^2)');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('clipping: without it the descent blows up, with it the run survives; c is in the address', async () => {
  const { page, context, problems } = await open('lesson/pitfalls');
  const lab = page.getByTestId('clipping-lab');
  await textMatching(page, '[data-testid=plain-run]', /blew up/);
  await textMatching(page, '[data-testid=clipped-run]', /were clipped/);
  await setRange(lab.getByTestId('clip-c'), 5);
  await textMatching(page, '[data-testid=clipped-run]', /c = 5:/);
  assert.doesNotMatch(await lab.getByTestId('clipped-run').textContent(), /blew up/);
  await page.waitForFunction(() => location.search.includes('c=5'));
  // The global norm keeps the direction; per-array clipping turns it.
  assert.match(await lab.getByTestId('layers-global').textContent(), /0°/);
  assert.doesNotMatch(await lab.getByTestId('layers-per-array').textContent(), /\b0°/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('deep chain: depth 50 with sigmoid vanishes; He and residuals keep it alive', async () => {
  const { page, context, problems } = await open('embed/deep-chain?depth=50&act=sigmoid&init=xavier');
  await textMatching(page, '[data-testid=chain-reading]', /vanishes/);
  assert.match(await page.getByTestId('chain-reading').textContent(), /\(1\/4\)\^50/);
  await page.getByLabel('ReLU').check();
  await page.getByLabel('He √(2/n)').check();
  await page.getByLabel(/residual connections/).check();
  await page.waitForFunction(() => /act=relu/.test(location.search) && /res=1/.test(location.search));
  await page.waitForFunction(() => !/vanishes/.test(document.querySelector('[data-testid=chain-reading]').textContent));
  await setRange(page.getByTestId('chain-depth'), 1);
  await textMatching(page, '[data-testid=chain-reading]', /layer 1/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 10 widgets restore their state from the address, and bad values become defaults with a note', async () => {
  const { page, context, problems } = await open(
    'embed/gradient-check?f=x%5E3%20%2B%20y&p=2,1&bug=half',
  );
  assert.equal(await page.inputValue('#gc-f'), 'x^3 + y');
  assert.equal(await page.getByRole('button', { name: 'Drop a factor of 2' }).getAttribute('aria-pressed'), 'true');
  await textMatching(page, '[data-testid=analytic]', /^\[6, 0\.5\]$/);
  await page.reload();
  assert.equal(await page.inputValue('#gc-f'), 'x^3 + y');
  await page.goto(`${site.origin}${BASE}embed/deep-chain?depth=99&act=softplus`);
  const notes = page.getByTestId('address-notes');
  await notes.waitFor();
  const text = await notes.textContent();
  assert.match(text, /depth in the link \("99"\) could not be used/, text);
  assert.match(text, /activation in the link \("softplus"\)/, text);
  await textMatching(page, '[data-testid=chain-reading]', /layer 20/);
  assert.deepEqual(problems(), []);
  await context.close();
});

// ───────────────────────────── lesson 12 ─────────────────────────────

test('image gradients: pick an image, tap a pixel, read its patch sum; the maps are timed', async () => {
  const { page, context, problems } = await open('lesson/beyond-basic-ml');
  const lab = page.getByTestId('image-lab');
  await lab.getByLabel('checkerboard').check();
  await page.waitForFunction(() => location.search.includes('img=checker'));
  // Tap the pixel just left of the first vertical border between squares (32 px wide).
  const canvas = lab.getByTestId('image-canvas');
  const box = await canvas.boundingBox();
  const at = (x, y) => ({ x: ((x + 0.5) / 256) * box.width, y: ((y + 0.5) / 256) * box.height });
  await canvas.click({ position: at(31, 16) });
  await page.waitForFunction(() => /px=31,16/.test(location.search));
  // Sobel across a step from 0.85 to 0.15: (−0.7) × (1 + 2 + 1) = −2.8, ÷ 8 = −0.35.
  const sum = await textMatching(page, '[data-testid=patch-sum]', /sum = /);
  const [, s, d] = sum.match(/sum = (\S+); ÷ 8 = (\S+) per pixel/);
  assert.ok(Math.abs(num(s) + 2.8) < 1e-3, sum);
  assert.ok(Math.abs(num(d) + 0.35) < 1e-3, sum);
  assert.equal(await lab.getByTestId('patch').locator('div').count(), 9);
  // Central differences use only the row through the pixel.
  await lab.getByLabel('central differences').check();
  const central = await textMatching(page, '[data-testid=patch-sum]', /÷ 2/);
  assert.match(central, /sum = −0\.7; ÷ 2 = −0\.35/, central);
  // Every recomputation is timed in the page.
  const timing = await textMatching(page, '[data-testid=map-timing]', /recomputed and painted in/);
  const ms = num(timing.match(/in ([\d.]+) ms/)[1]);
  assert.ok(ms > 0 && ms < 2000, timing);
  console.log(`# image maps: ${timing}`);
  // A flat drawing has no edges and does not break anything.
  await lab.getByLabel('draw your own').check();
  await textMatching(page, '[data-testid=edge-count]', /flat/);
  await canvas.hover({ position: at(100, 100) });
  await page.mouse.down();
  await page.mouse.move(box.x + at(180, 120).x, box.y + at(180, 120).y, { steps: 8 });
  await page.mouse.up();
  await textMatching(page, '[data-testid=edge-count]', /count as edges/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('optical flow: texture is tracked, a straight edge is rejected as the aperture problem', async () => {
  const { page, context, problems } = await open('embed/optical-flow');
  const summary = await textMatching(page, '[data-testid=flow-summary]', /windows:/);
  assert.match(summary, /^64 windows: 64 tracked/, summary);
  const err = num(summary.match(new RegExp(`mean error (${NUMBER})\\)`))[1]);
  assert.ok(err < 0.1, summary);
  await page.getByLabel('straight edge').check();
  await textMatching(page, '[data-testid=flow-summary]', /0 tracked/);
  assert.match(await page.getByTestId('flow-summary').textContent(), /[1-9]\d* rejected on an edge/);
  // Tap a window on the edge and read why it was rejected.
  const canvas = page.locator('.flow-lab canvas');
  const box = await canvas.boundingBox();
  const windows = await page.evaluate(() => 64);
  let found = false;
  for (let row = 0; row < 8 && !found; row++) {
    for (let col = 0; col < 8 && !found; col++) {
      await canvas.click({ position: { x: ((col + 0.5) / 8) * box.width, y: ((row + 0.5) / 8) * box.height } });
      const text = await page.getByTestId('flow-window-detail').textContent();
      if (/aperture problem/.test(text)) found = true;
    }
  }
  assert.ok(found && windows === 64, 'some window on the edge explains the aperture problem');
  assert.match(await page.getByTestId('flow-window-detail').textContent(), /across the edge/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('policy gradient: a baseline lowers the variance; a zero baseline is handled', async () => {
  const { page, context, problems } = await open('lesson/beyond-basic-ml');
  const lab = page.getByTestId('bandit-lab');
  await lab.getByRole('button', { name: 'Set b = J' }).click();
  await page.waitForFunction(() => /b=7(&|$)/.test(location.search) || !/b=/.test(location.search));
  const plain = num(await lab.getByTestId('variance-plain').textContent());
  const based = num(await lab.getByTestId('variance-baseline').textContent());
  assert.ok(based < 0.5 * plain, `with b = J ${based}, without ${plain}`);
  await lab.getByRole('button', { name: 'No baseline (b = 0)' }).click();
  await page.waitForFunction(() => /b=0/.test(location.search));
  const same = num(await lab.getByTestId('variance-baseline').textContent());
  assert.ok(Math.abs(same - plain) < 1e-9 * plain, `b = 0 gives the plain cloud: ${same} vs ${plain}`);
  assert.match(await lab.getByTestId('variance-exact').textContent(), /Exact variances/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('word vectors: stepping lowers the loss and the step count is in the address', async () => {
  const { page, context, problems } = await open('embed/embeddings');
  const before = await textMatching(page, '[data-testid=embedding-loss]', /After 0 steps/);
  await page.getByRole('button', { name: '100 steps' }).click();
  const after = await textMatching(page, '[data-testid=embedding-loss]', /After 100 steps/);
  const loss = (t) => num(t.match(new RegExp(`loss is (${NUMBER})\\.`))[1]);
  assert.ok(loss(after) < loss(before), `${before} → ${after}`);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(() => /steps=101/.test(location.search));
  await page.reload();
  await textMatching(page, '[data-testid=embedding-loss]', /After 101 steps/);
  assert.deepEqual(problems(), []);
  await context.close();
});

// ───────────────────────────── exercises ─────────────────────────────

/** Answers a question box: returns the feedback text for `answer`. */
async function answer(box, text) {
  await box.locator('.try-input').fill(text);
  await box.getByRole('button', { name: 'Check' }).click();
  await box.locator('.try-feedback p').waitFor();
  return box.locator('.try-feedback').textContent();
}

test('lesson 10 exercise: a bare distance is diagnosed, the relative error is accepted', async () => {
  const { page, context, problems } = await open('lesson/pitfalls');
  const box = page.locator('.question-box').first();
  const q = await box.locator('.try-question').getAttribute('data-text');
  const vec = (name) => q.match(new RegExp(`${name} = \\[([^\\]]+)\\]`))[1].split(',').map(num);
  const [a, n] = [vec('a'), vec('n')];
  const norm = (v) => Math.hypot(...v);
  const d = norm(a.map((x, i) => x - n[i]));
  assert.match(await answer(box, String(d)), /bare distance/);
  await box.locator('.feedback-wrong').waitFor();
  const rel = d / Math.max(norm(a), norm(n));
  await answer(box, rel.toFixed(4));
  await box.locator('.feedback-ok').waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 12 exercise: the Sobel sum at a patch, with the divided-by-8 slip diagnosed', async () => {
  const { page, context, problems } = await open('lesson/beyond-basic-ml');
  const box = page.locator('.question-box').first();
  const q = await box.locator('.try-question').getAttribute('data-text');
  const rows = [...q.matchAll(/\[([^\]]+)\]/g)].slice(0, 3).map((m) => m[1].split(',').map(num));
  const sum = rows[0][2] + 2 * rows[1][2] + rows[2][2] - (rows[0][0] + 2 * rows[1][0] + rows[2][0]);
  assert.match(await answer(box, String(sum / 8)), /divided by 8/);
  await answer(box, String(Math.round(sum * 100) / 100));
  await box.locator('.feedback-ok').waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

// ───────────────────────────── both lessons at every width ─────────────────────────────

for (const slug of ['pitfalls', 'beyond-basic-ml']) {
  test(`${slug}: no sideways scrolling at 360 px; screenshots light and dark`, async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      for (const colorScheme of ['light', 'dark']) {
        const { page, context, problems } = await open(`lesson/${slug}`, viewport, colorScheme);
        await page.locator('.lab').first().waitFor();
        await page.waitForTimeout(400);
        assert.equal(await page.locator('merror').count(), 0, `${slug}: every formula typesets`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${slug} ${name}: page is ${width} px wide`);
        await page.screenshot({ path: `${SHOTS}${slug}-${name}-${colorScheme}.png`, fullPage: true });
        // Each widget on its own too, to look at closely.
        const widgets = page.locator('.widget');
        for (let i = 0; i < (await widgets.count()); i++) {
          await widgets.nth(i).screenshot({ path: `${SHOTS}${slug}-${name}-${colorScheme}-widget${i + 1}.png` });
        }
        assert.deepEqual(problems(), []);
        await context.close();
      }
    }
  });
}
