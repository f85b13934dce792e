// End-to-end tests of what lessons 1–5 and 11 say: no symbol or tool before the lesson that
// defines it (the explorer shows only what the page has taught), a machine-learning reason on
// every page, and worked numbers in the prose that follow the function, the point and the dial
// the learner has now. Every number checked here is computed by the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, movePointWithKeyboard, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

async function open(path, viewport = VIEWPORTS.desktop, colorScheme = 'light') {
  const watched = await site.open(path, viewport, colorScheme);
  await watched.page.locator('main h1, .fx-input').first().waitFor();
  await watched.page.locator('.fx-point, .chain-tree').first().waitFor();
  return watched;
}

/** What the explorer on the page shows, and what its pictures are described as. */
async function explorerParts(page) {
  const explorer = page.locator('section.explorer');
  const count = (sel) => explorer.locator(sel).count();
  const label = async (text) => (await explorer.getByLabel(text, { exact: false }).count()) > 0;
  return {
    gradient: (await count('.fx-value-grad')) + (await count('.fx-value-norm')) > 0,
    partialFormulas: (await count('.fx-math[data-role=fx]')) > 0,
    field: await label('Gradient field'),
    descent: (await count('.fx-descent')) > 0,
    plane: await label('Tangent plane'),
    description: [
      await explorer.locator('.fx-contour canvas').getAttribute('aria-label'),
      await explorer.locator('.fx-contour .sr-only').textContent(),
      await explorer.locator('.fx-contour figcaption').textContent(),
    ].join(' '),
  };
}

test('lesson 1 shows f alone; the playground shows ∇f, the field, descent and the tangent plane', async () => {
  const { page, context, problems } = await open('lesson/several-variables');
  await page.waitForFunction(() => document.querySelector('.fx-contour .sr-only')?.textContent.length > 0);
  const first = await explorerParts(page);
  assert.deepEqual(
    { ...first, description: undefined },
    { gradient: false, partialFormulas: false, field: false, descent: false, plane: false, description: undefined },
  );
  assert.doesNotMatch(first.description, /gradient|∇|tangent|∂/, first.description);
  assert.match(first.description, /level curve/);
  // The page defines the words its contour map uses.
  const prose = await page.textContent('main');
  assert.match(prose, /A level curve of f/);
  assert.match(prose, /contour map/);

  const playground = await open('playground');
  await playground.page.waitForFunction(() => document.querySelector('.fx-contour .sr-only')?.textContent.length > 0);
  const all = await explorerParts(playground.page);
  assert.deepEqual(
    { ...all, description: undefined },
    { gradient: true, partialFormulas: true, field: true, descent: true, plane: true, description: undefined },
  );
  assert.match(all.description, /gradient arrow/);
  assert.deepEqual(problems(), []);
  assert.deepEqual(playground.problems(), []);
  await playground.context.close();
  await context.close();
});

test('each lesson shows what it and the lessons before it have defined', async () => {
  const want = {
    'partial-derivative': { gradient: false, partialFormulas: true, field: false, descent: false, plane: false },
    'gradient-vector': { gradient: true, partialFormulas: true, field: true, descent: false, plane: false },
    'gradient-geometry': { gradient: true, partialFormulas: true, field: true, descent: false, plane: true },
    'directional-derivatives': { gradient: true, partialFormulas: true, field: true, descent: true, plane: false },
  };
  for (const [slug, parts] of Object.entries(want)) {
    const { page, context, problems } = await open(`lesson/${slug}`);
    await page.waitForFunction(() => document.querySelector('.fx-contour .sr-only')?.textContent.length > 0);
    const shown = await explorerParts(page);
    assert.deepEqual({ ...shown, description: undefined }, { ...parts, description: undefined }, slug);
    if (!parts.gradient) assert.doesNotMatch(shown.description, /gradient|∇/, `${slug}: ${shown.description}`);
    assert.deepEqual(problems(), [], slug);
    await context.close();
  }
});

const num = (t) => Number(String(t).trim().replaceAll('−', '-'));
const pair = (t) => t.replace(/[[\]()]/g, '').split(', ').map(num);

test('lesson 4 quotes ∇f for the function and the point the learner has now', async () => {
  const { page, context, problems } = await open('lesson/gradient-vector');
  const quoted = page.locator('[data-testid=l4-gradient-at]');
  // The quote and the explorer's readout are the same numbers, at the same point.
  const agrees = async () => {
    const [point, grad] = [await page.textContent('.fx-point'), await page.textContent('.fx-value-grad')];
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=l4-gradient-at]').textContent === want,
      `∇f${point} = ${grad}`,
    );
    return quoted.textContent();
  };
  const first = await agrees();
  assert.equal(first, '∇f(3, 4) = [6, 8]');
  assert.equal(await page.getAttribute('[data-testid=l4-gradient-formula]', 'data-pretty'), '[2x, 2y]');
  const fieldSentence = () => page.textContent('[data-testid=l4-field-sentence]');
  assert.match(await fieldSentence(), /bowl, x² \+ y²/);
  await page.fill('.fx-input', 'x*y^2');
  await page.waitForFunction(() => document.querySelector('.fx-math[data-role=fx]')?.dataset.pretty === 'y²');
  // The paragraph's last sentence no longer names a bowl that is not on the map.
  await page.waitForFunction(
    () => !/bowl|x² \+ y²/.test(document.querySelector('[data-testid=l4-field-sentence]').textContent),
  );
  assert.match(await fieldSentence(), /longer where f changes faster/);
  assert.doesNotMatch(await page.textContent('main'), /bowl x² \+ y²/);
  const edited = await agrees();
  assert.notEqual(edited, first);
  assert.equal(await page.getAttribute('[data-testid=l4-gradient-formula]', 'data-pretty'), '[y², 2xy]');
  await movePointWithKeyboard(page);
  const moved = await agrees();
  assert.notEqual(moved, edited);
  // A reload keeps the learner's function (it is in the address), and the quote follows it.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('f') === 'x*y^2');
  await page.reload();
  await page.locator('.fx-point').waitFor();
  assert.equal(await page.inputValue('.fx-input'), 'x*y^2');
  await agrees();
  assert.equal(await page.getAttribute('[data-testid=l4-gradient-formula]', 'data-pretty'), '[y², 2xy]');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 11 shows the exact value beside the decimal, and both follow the dial', async () => {
  const { page, context, problems } = await open('lesson/directional-derivatives');
  const value = () => page.textContent('[data-testid=l11-value]');
  const dial = () => page.textContent('[data-testid=directional-value] strong');
  const gradient = async () => pair(await page.textContent('[data-testid=l11-gradient]'));
  // Along a diagonal: "= (a ± b)/√2 = N/√2 ≈ d", with a, b the gradient's components.
  const checkDiagonal = async (sx, sy) => {
    const [g1, g2] = await gradient();
    const text = await value();
    const m = text.match(/^= \((\S+) ([+−]) (\S+)\)\/√2 = (\S+)\/√2 ≈ (\S+)$/);
    assert.ok(m, text);
    const [a, b, n, d] = [num(m[1]), (m[2] === '−' ? -1 : 1) * num(m[3]), num(m[4]), num(m[5])];
    assert.equal(a, sx * g1, text);
    assert.equal(b, sy * g2, text);
    assert.equal(n, a + b, text);
    assert.ok(Math.abs(n / Math.SQRT2 - d) < 1e-3, text);
    assert.equal(m[5], await dial(), 'the prose and the dial give the same decimal');
    return text;
  };
  assert.equal(await page.textContent('[data-testid=l11-v]'), '[1, 1]/√2');
  const start = await checkDiagonal(1, 1);
  assert.equal(start, '= (4 + 6)/√2 = 10/√2 ≈ 7.071');
  const angle = page.getByLabel('angle of v in degrees');
  await angle.fill('135');
  await page.waitForFunction(() => document.querySelector('[data-testid=l11-v]').textContent === '[−1, 1]/√2');
  await checkDiagonal(-1, 1);
  await angle.fill('90');
  await page.waitForFunction(() => document.querySelector('[data-testid=l11-v]').textContent === '[0, 1]');
  assert.equal(await value(), `= ${(await page.textContent('[data-testid=l11-gradient]')).split(', ')[1].replace(']', '')}`);
  await angle.fill('37');
  await page.waitForFunction(() => document.querySelector('[data-testid=l11-v]').textContent === '[cos 37°, sin 37°]');
  assert.match(await value(), /^= \S+ cos 37° [+−] \S+ sin 37° ≈ \S+$/);
  assert.equal((await value()).split('≈ ')[1], await dial());
  // The function and the point come from the explorer.
  await angle.fill('45');
  await page.fill('.fx-input', 'x*y');
  await page.waitForFunction(() => document.querySelector('[data-testid=l11-gradient]').textContent === '[3, 2]');
  assert.equal(await page.textContent('.fx-value-grad'), '[3, 2]');
  await checkDiagonal(1, 1);
  await movePointWithKeyboard(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid=l11-gradient]').textContent === document.querySelector('.fx-value-grad').textContent
      && document.querySelector('[data-testid=l11-gradient]').textContent !== '[3, 2]',
  );
  await checkDiagonal(1, 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

const LESSONS = [
  'several-variables',
  'partial-derivative',
  'computing-partials',
  'gradient-vector',
  'gradient-geometry',
  'directional-derivatives',
];

test('each of lessons 1–5 and 11 says why it matters for machine learning, with computed numbers', async () => {
  for (const slug of LESSONS) {
    const { page, context, problems } = await open(`lesson/${slug}`);
    const box = page.locator('[data-testid=ml-connection]');
    assert.equal(await box.count(), 1, slug);
    assert.match(await box.locator('h2').textContent(), /machine learning/, slug);
    const text = await box.textContent();
    assert.match(text, /loss/, slug);
    assert.match(text, /weight/, slug);
    assert.match(text, /\d/, `${slug} quotes numbers`);
    assert.doesNotMatch(text, /undefined|NaN/, slug);
    // The loss is typeset by the engine from its formula.
    assert.ok((await box.locator('.math[data-pretty]').count()) + (await box.locator('.math').count()) > 0, slug);
    assert.deepEqual(problems(), [], slug);
    await context.close();
  }
});

test('screenshots of lessons 1–5 and 11 at 360 and 1280 px, light and dark', async () => {
  for (const slug of LESSONS) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      for (const scheme of ['light', 'dark']) {
        const { page, context, problems } = await open(`lesson/${slug}`, viewport, scheme);
        await page.waitForFunction(() => document.querySelector('.fx-contour .sr-only, .chain-tree')?.textContent.length > 0);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `${slug} at ${name}, ${scheme}: ${overflow}px too wide`);
        await page.screenshot({ path: `${SHOTS}text-${slug}-${name}-${scheme}.png`, fullPage: true });
        assert.deepEqual(problems(), [], `${slug} ${name} ${scheme}`);
        await context.close();
      }
    }
  }
});

test("a long h in lesson 3's chain-rule tree scrolls inside its line, not the page, at 360 px", async () => {
  const { page, context, problems } = await open('lesson/computing-partials', VIEWPORTS.phone);
  const h = page.locator('#computing-partials-h');
  await h.fill('sin(x*y) + cos(x^2*y^3) + exp(x*y)');
  // The tree follows the new h: its sum now has the cosine's inner derivative in it.
  await page.waitForFunction(() => /cos|sin/.test(document.querySelector('.chain-sum')?.textContent ?? '') &&
    (document.querySelector('.chain-sum')?.textContent ?? '').includes('3'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  // The long line is still all there: it scrolls within its own box.
  const sum = await page.locator('.chain-sum').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(sum[0] > sum[1], `the sum is ${sum[0]}px in a ${sum[1]}px box, so it scrolls`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("lesson 1's one-input box takes x only, says so, and keeps the last curve", async () => {
  const { page, context, problems } = await open('lesson/several-variables', VIEWPORTS.phone);
  const box = page.locator('#several-variables-one');
  const readout = page.locator('[data-testid=l1-tangent]');
  await readout.getByText(/f\(x\) = 1 and the tangent's slope f′\(x\) = 2/).waitFor();
  // Lesson 1 has not defined partial derivatives: the result reads f′(x), with no ∂.
  const widget = page.locator('.widget', { has: box });
  assert.doesNotMatch(await widget.innerText(), /∂|held constant/);
  await box.fill('x^2y');
  await widget.getByText(/function of x only, and y is another input/).waitFor();
  // The curve and the numbers stay on the last function that worked, and say so.
  assert.match(await page.locator('[data-testid=l1-one-stale]').innerText(), /last function that worked: f\(x\) = x\^2/);
  assert.match(await readout.innerText(), /f\(x\) = 1 and the tangent's slope f′\(x\) = 2/);
  assert.doesNotMatch(await readout.innerText(), /undefined/);
  await box.fill('x^3');
  await readout.getByText(/f′\(x\) = 3/).waitFor();
  assert.equal(await page.locator('[data-testid=l1-one-stale]').count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('without the surface, the map and its numbers share a wide screen and stack on a phone', async () => {
  for (const path of ['lesson/several-variables', 'lesson/gradient-vector']) {
    const boxes = async (page) => {
      const explorer = page.locator('section.explorer');
      return {
        map: await explorer.locator('.fx-contour canvas').boundingBox(),
        numbers: await explorer.locator('.fx-readouts').boundingBox(),
      };
    };
    const wide = await open(path, VIEWPORTS.desktop);
    const { map, numbers } = await boxes(wide.page);
    // Side by side: the readouts start right of the map and beside its top half, and the map
    // takes more than half of the explorer's width instead of a capped column.
    assert.ok(numbers.x >= map.x + map.width, `${path}: readouts at x=${numbers.x}, map ends at ${map.x + map.width}`);
    assert.ok(numbers.y < map.y + map.height / 2, `${path}: readouts start at y=${numbers.y}, beside the map`);
    const width = await wide.page.locator('section.explorer').evaluate((el) => el.clientWidth);
    assert.ok(map.width > width * 0.5, `${path}: the map is ${map.width}px of ${width}px`);
    assert.deepEqual(wide.problems(), []);
    await wide.context.close();
    const phone = await open(path, VIEWPORTS.phone);
    const stacked = await boxes(phone.page);
    assert.ok(stacked.map.y >= stacked.numbers.y + stacked.numbers.height, `${path}: on a phone the numbers come first`);
    assert.ok(stacked.map.width > 300, `${path}: the map is ${stacked.map.width}px wide on a phone`);
    assert.equal(await phone.page.evaluate(() => document.documentElement.scrollWidth - innerWidth), 0);
    assert.deepEqual(phone.problems(), []);
    await phone.context.close();
  }
});

test("lesson 1's tangent point is kept in the address, and a bad one falls back with a note", async () => {
  const key = 'several-variables-tangent-x';
  const linked = await open(`lesson/several-variables?${key}=2`, VIEWPORTS.phone);
  const readout = linked.page.locator('[data-testid=l1-tangent]');
  await readout.getByText("At x = 2, f(x) = 4 and the tangent's slope f′(x) = 4.").waitFor();
  await linked.page.locator('.widget-pair .widget').first().locator('input[type=range]').fill('-1.5');
  await readout.getByText('At x = −1.5').waitFor();
  await linked.page.waitForFunction((k) => new URL(location.href).searchParams.get(k) === '-1.5', key);
  await linked.page.reload();
  await readout.getByText("At x = −1.5, f(x) = 2.25 and the tangent's slope f′(x) = −3.").waitFor();
  assert.deepEqual(linked.problems(), []);
  await linked.context.close();
  const bad = await open(`lesson/several-variables?${key}=99`, VIEWPORTS.phone);
  await bad.page.locator('[data-testid=address-notes]').waitFor();
  assert.match(await bad.page.locator('[data-testid=address-notes]').textContent(), /tangent's x/);
  await bad.page.locator('[data-testid=l1-tangent]').getByText('At x = 1, f(x) = 1').waitFor();
  assert.deepEqual(bad.problems(), []);
  await bad.context.close();
});
