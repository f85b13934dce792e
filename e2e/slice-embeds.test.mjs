// End-to-end tests of lesson 1's two pictures as embeds: /embed/tangent (a curve and its
// tangent) and /embed/surface (a surface, a point and its two slices). The address restores
// the function and the point, the screen-reader text follows them, a bad value falls back to
// the default with a note, the wrong variables get the page's message (never a panic), and
// the instructor's hide=editor and lock=1 hold. The Embed controls under lesson 1's pictures
// carry what the learner set there. Screenshots at 360 px and 1280 px, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, SHOTS, snippetSrc } from './harness.mjs';

const site = withSite();

/** The text a screen reader hears about the picture (the canvas's live description). */
const described = (page) => page.locator('.plot-canvas p[aria-live]').first();

test('the tangent embed restores its function and x, and its description follows them', async () => {
  const { page, context, problems } = await site.open('embed/tangent?v=1&f=x^3&x=2');
  const readout = page.locator('[data-testid=tangent]');
  await readout.getByText("At x = 2, f(x) = 8 and the tangent's slope f′(x) = 12.").waitFor();
  assert.equal(await page.inputValue('#tangent-f'), 'x^3');
  assert.equal(await page.locator('[data-testid=address-notes]').count(), 0);
  assert.match(await described(page).textContent(), /^The curve y = x³ for x from −3 to 3, with its tangent line\. At x = 2, f\(x\) = 8/);
  // The same numbers as a table: f and the tangent line every half step.
  await page.getByRole('button', { name: /Show as table\W+The curve y = f\(x\) and its tangent line/ }).click();
  const table = page.locator('[data-testid=chart-table]');
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['x', 'f(x)', 'tangent line', 'note']);
  assert.equal(await table.locator('tbody tr').count(), 13);
  const at2 = table.locator('tbody tr', { has: page.locator('th', { hasText: /^2$/ }) });
  assert.deepEqual(await at2.locator('td').allInnerTexts().then((t) => t.slice(0, 2)), ['8', '8']);
  const at3 = table.locator('tbody tr').last();
  assert.deepEqual(await at3.locator('td').allInnerTexts().then((t) => t.slice(0, 2)), ['27', '20']);
  // The slider moves the point; the readout, the description and the address follow.
  await page.locator('.embed input[type=range]').fill('-1');
  await readout.getByText("At x = −1, f(x) = −1 and the tangent's slope f′(x) = 3.").waitFor();
  assert.match(await described(page).textContent(), /At x = −1, f\(x\) = −1/);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('x') === '-1');
  // A function of another variable gets the box's message; the curve keeps the last one.
  await page.fill('#tangent-f', 'x*y');
  await page.getByText(/function of x only, and y is another input/).waitFor();
  assert.match(await readout.textContent(), /f′\(x\) = 3\./);
  await page.fill('#tangent-f', 'sin(x)');
  await readout.getByText(/At x = −1, f\(x\) = −0\.84/).waitFor();
  assert.match(await described(page).textContent(), /^The curve y = sin\(x\)/);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('f') === 'sin(x)');
  // The Embed code carries the state as it is now, and opens as it was.
  const src = await snippetSrc(page);
  assert.equal(src.searchParams.get('f'), 'sin(x)');
  assert.equal(src.searchParams.get('x'), '-1');
  await page.goto(src.href);
  await readout.getByText(/At x = −1, f\(x\) = −0\.84/).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the surface embed restores its function and point, and its description follows them', async () => {
  const { page, context, problems } = await site.open('embed/surface?v=1&f=x*y^2&p=1,2');
  const readout = page.locator('[data-testid=surface]');
  await readout.getByText('At (x, y) = (1, 2), f = 4. Along x the slope is 4; along y it is 4.').waitFor();
  assert.equal(await page.inputValue('#surface-f'), 'x*y^2');
  assert.equal(await page.locator('[data-testid=address-notes]').count(), 0);
  assert.match(await described(page).textContent(), /^The surface z = xy² over x and y from −3 to 3.*At \(x, y\) = \(1, 2\), f = 4\./);
  const sliders = page.locator('.embed input[type=range]');
  await sliders.nth(1).fill('-1');
  await readout.getByText('At (x, y) = (1, −1), f = 1. Along x the slope is 1; along y it is −2.').waitFor();
  assert.match(await described(page).textContent(), /\(1, −1\), f = 1\./);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('p') === '1,-1');
  await page.fill('#surface-f', 'x + z');
  await page.getByText(/function of x and y only, and z is another input/).waitFor();
  assert.match(await readout.textContent(), /f = 1\./);
  await page.fill('#surface-f', 'x^2 - y^2');
  await readout.getByText('At (x, y) = (1, −1), f = 0. Along x the slope is 2; along y it is 2.').waitFor();
  const src = await snippetSrc(page);
  assert.equal(src.searchParams.get('f'), 'x^2 - y^2');
  assert.equal(src.searchParams.get('p'), '1,-1');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('bad values in either embed fall back to the defaults with a note', async () => {
  const cases = [
    ['embed/tangent?f=x*y&x=7', 'tangent', /y is another input[\s\S]*the tangent's x in the link \("7"\) could not be used/, "At x = 1, f(x) = 1 and the tangent's slope f′(x) = 2."],
    ['embed/surface?f=x%2Bz&p=9,0', 'surface', /z is another input[\s\S]*point in the link \("9,0"\) could not be used/, 'At (x, y) = (1, 0.5), f = 1.25. Along x the slope is 2; along y it is 1.'],
  ];
  for (const [path, testid, note, shown] of cases) {
    const { page, context, problems } = await site.open(path, VIEWPORTS.phone);
    const notes = page.locator('[data-testid=address-notes]');
    await notes.waitFor();
    assert.match(await notes.textContent(), note, path);
    await page.locator(`[data-testid=${testid}]`).getByText(shown).waitFor();
    assert.deepEqual(problems(), [], path);
    await context.close();
  }
});

test('a function with no finite value on the picture says so instead of drawing a blank', async () => {
  for (const [name, f, good] of [['tangent', 'sqrt(-1-x^2)', 'x^2'], ['surface', 'sqrt(-1-x^2-y^2)', 'x*y']]) {
    const { page, context, problems } = await site.open(`embed/${name}?f=${encodeURIComponent(f)}`, VIEWPORTS.phone);
    const note = page.locator(`[data-testid=${name}-empty]`);
    await note.getByText(/no finite value/).waitFor();
    assert.equal(await page.locator('[data-testid=address-notes]').count(), 0, name);
    assert.match(await described(page).textContent(), /so there is no (curve|surface) to draw\.$/, name);
    await page.fill(`#${name}-f`, good);
    await note.waitFor({ state: 'detached' });
    assert.doesNotMatch(await described(page).textContent(), /no finite value/, name);
    assert.deepEqual(problems(), [], name);
    await context.close();
  }
});

test('hide=editor shows the function as text and lock=1 keeps it fixed', async () => {
  for (const [name, f] of [['tangent', 'x^3'], ['surface', 'x*y']]) {
    const hidden = await site.open(`embed/${name}?f=${encodeURIComponent(f)}&hide=editor`);
    await hidden.page.locator(`[data-testid=${name}-function]`).getByText(f).waitFor();
    assert.equal(await hidden.page.locator(`#${name}-f`).count(), 0, name);
    assert.deepEqual(hidden.problems(), [], name);
    await hidden.context.close();
    const locked = await site.open(`embed/${name}?f=${encodeURIComponent(f)}&lock=1`);
    const input = locked.page.locator(`#${name}-f`);
    await input.waitFor();
    assert.equal(await input.getAttribute('readonly'), '', name);
    assert.equal(await input.inputValue(), f, name);
    assert.deepEqual(locked.problems(), [], name);
    await locked.context.close();
  }
});

test('theme=dark and theme=light override the reader\'s colours, page and picture alike', async () => {
  /** The page's background and the picture's top-left pixel, as brightness 0–255. */
  const shades = (page) =>
    page.evaluate(() => {
      const luma = ([r, g, b]) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      const bg = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      const cv = document.querySelector('.embed canvas');
      const px = cv.getContext('2d').getImageData(4, 4, 1, 1).data;
      return { page: luma(bg), picture: luma(px) };
    });
  for (const [path, scheme, dark] of [
    ['embed/tangent?theme=dark', 'light', true],
    ['embed/surface?theme=dark', 'light', true],
    ['embed/tangent?theme=light', 'dark', false],
    ['embed/surface?theme=light', 'dark', false],
    ['embed/tangent', 'dark', true],
  ]) {
    const { page, context, problems } = await site.open(path, VIEWPORTS.phone, scheme);
    await page.locator('.embed .readout').getByText(/^At /).waitFor();
    await page.waitForFunction(() => document.querySelector('.embed canvas')?.width > 10);
    const s = await shades(page);
    if (dark) {
      assert.ok(s.page < 60 && s.picture < 60, `${path} (${scheme} system): ${JSON.stringify(s)}`);
    } else {
      assert.ok(s.page > 200 && s.picture > 200, `${path} (${scheme} system): ${JSON.stringify(s)}`);
    }
    assert.equal(await page.locator('[data-testid=address-notes]').count(), 0, path);
    assert.deepEqual(problems(), [], path);
    await context.close();
  }
});

test("lesson 1's Embed controls carry the curve's and the surface's state", async () => {
  const key = 'several-variables-tangent-x';
  const { page, context, problems } = await site.open(`lesson/several-variables?several-variables-one=x%5E3&${key}=-2`);
  const pair = page.locator('.widget-pair .widget');
  await page.locator('[data-testid=l1-tangent]').getByText('At x = −2, f(x) = −8').waitFor();
  const tangent = await snippetSrc(pair.nth(0));
  assert.equal(tangent.pathname.endsWith('/embed/tangent'), true, tangent.href);
  assert.equal(tangent.searchParams.get('f'), 'x^3');
  assert.equal(tangent.searchParams.get('x'), '-2');
  const sliders = pair.nth(1).locator('input[type=range]');
  await sliders.nth(0).fill('2');
  await sliders.nth(1).fill('-1.5');
  await page.locator('[data-testid=l1-surface]').getByText('At (x, y) = (2, −1.5)').waitFor();
  const surface = await snippetSrc(pair.nth(1));
  assert.equal(surface.pathname.endsWith('/embed/surface'), true, surface.href);
  assert.equal(surface.searchParams.get('p'), '2,-1.5');
  assert.equal(surface.searchParams.get('f'), null, 'the default function is left out');
  // The embed shows what the lesson showed.
  await page.goto(surface.href);
  await page.locator('[data-testid=surface]').getByText('At (x, y) = (2, −1.5), f = 6.25.').waitFor();
  await page.goto(tangent.href);
  await page.locator('[data-testid=tangent]').getByText("At x = −2, f(x) = −8 and the tangent's slope f′(x) = 12.").waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('screenshots of both embeds at phone and desktop width, light and dark', async () => {
  for (const [name, query] of [['tangent', 'f=x^3%20-%202*x&x=-1.5'], ['surface', 'f=x*y^2&p=-1,2']]) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      for (const scheme of ['light', 'dark']) {
        const { page, context, problems } = await site.open(`embed/${name}?v=1&${query}`, viewport, scheme);
        await page.locator(`[data-testid=${name}]`).getByText(/^At /).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${name} ${width}: ${overflow}px wider than the screen`);
        // The picture is whole on the first screen.
        const box = await page.locator('.embed canvas').boundingBox();
        assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `${name} ${width}: canvas at ${JSON.stringify(box)}`);
        await page.screenshot({ path: `${SHOTS}embed-${name}-${width}-${scheme}.png`, fullPage: true });
        assert.deepEqual(problems(), [], `${name} ${width} ${scheme}`);
        await context.close();
      }
    }
  }
});

test('at a corner the curve has no tangent, and the readout says why instead of a slope of 0', async () => {
  const { page, context, problems } = await site.open('embed/tangent?v=1&f=abs(x)&x=0', VIEWPORTS.phone);
  const readout = page.locator('[data-testid=tangent]');
  await readout.getByText(/f has a corner there/).waitFor();
  const text = await readout.textContent();
  assert.match(text, /its slope is −1, just right it is 1/, text);
  assert.match(text, /f′\(0\) does not exist/, text);
  assert.doesNotMatch(text, /tangent's slope/, text);
  // One step away the curve is smooth again and has its tangent.
  await page.goto(page.url().replace('x=0', 'x=0.5'));
  await readout.getByText("At x = 0.5, f(x) = 0.5 and the tangent's slope f′(x) = 1.").waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});
