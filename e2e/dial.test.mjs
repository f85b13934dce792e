// End-to-end tests of lesson 11's direction dial as a learner meets it: the angle of v is kept
// in the address (a reload or a shared link shows the same v; a value the address cannot hold
// falls back to 45° with a note), v is drawn on the contour map beside ∇f with words saying
// which arrow is which and whether each is drawn to scale, arrows stay off where f or ∇f is
// undefined, and where ∇f = 0 the dial says that every direction is flat. Screenshots at
// 360 and 1280 px, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, SHOTS, BASE } from './harness.mjs';

const site = withSite();
const LESSON = 'lesson/directional-derivatives';

async function open(query = '', viewport = VIEWPORTS.desktop, colorScheme = 'light') {
  const watched = await site.open(`${LESSON}${query}`, viewport, colorScheme);
  await watched.page.locator('.fx-point').waitFor();
  await watched.page.locator('svg.dial').waitFor();
  return watched;
}

const dialLabel = (page) => page.locator('svg.dial').getAttribute('aria-label');
const arrowNote = (page) => page.locator('[data-testid=arrow-note]').textContent();

/** How many pixels of the contour map are within `tol` of the colour `rgb`. */
function countColour(page, rgb, tol = 8) {
  return page.locator('.fx-contour canvas').evaluate(
    (cv, [rgb, tol]) => {
      const ctx = cv.getContext('2d');
      const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol && Math.abs(d[i + 2] - rgb[2]) <= tol) n++;
      }
      return n;
    },
    [rgb, tol],
  );
}

test('the angle of v is kept in the address and restored by a reload', async () => {
  const { page, context, problems } = await open();
  const angle = page.getByLabel('angle of v in degrees');
  assert.equal(await angle.inputValue(), '45');
  await angle.fill('120');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dial-a') === '120');
  await page.reload();
  await page.locator('svg.dial').waitFor();
  assert.equal(await page.getByLabel('angle of v in degrees').inputValue(), '120');
  assert.equal(await page.textContent('[data-testid=l11-v]'), '[cos 120°, sin 120°]');
  assert.match(await dialLabel(page), /v points at 120°/);
  // Back at the lesson's own 45°, the address carries nothing for the dial.
  await page.getByLabel('angle of v in degrees').fill('45');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('dial-a'));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('an angle the address cannot hold falls back to 45° and says so', async () => {
  for (const bad of ['9999', 'north']) {
    const { page, context, problems } = await open(`?dial-a=${bad}`);
    await page.locator('[data-testid=address-notes]').getByText(/angle of v/).waitFor();
    assert.match(await page.textContent('[data-testid=address-notes]'), /Showing the default, 45/);
    assert.equal(await page.getByLabel('angle of v in degrees').inputValue(), '45');
    assert.equal(await page.textContent('[data-testid=l11-v]'), '[1, 1]/√2');
    assert.deepEqual(problems(), [], bad);
    await context.close();
  }
});

test('v is drawn on the map beside ∇f, and the caption says which is which and what is scaled', async () => {
  const { page, context, problems } = await open();
  // f = x² + y² at (2, 3): ∇f = [4, 6] is too long for the map and is drawn shorter.
  await page.locator('[data-testid=arrow-note]').waitFor();
  const note = await arrowNote(page);
  assert.match(note, /The red arrow is ∇f, drawn shorter than its length \|∇f\| = 7\.211 so that it fits on the map\./);
  assert.match(note, /The blue arrow is the direction v at 45°, 11° from ∇f, drawn to the map's scale\./);
  // Screen readers get the same words with the map.
  const label = await page.locator('.fx-contour canvas').getAttribute('aria-label');
  assert.ok(label.includes(note.trim()), label);
  // The blue of v is on the map (light theme: rgb(0, 114, 178)).
  await page.waitForFunction(() => document.querySelector('.fx-contour canvas')?.width > 0);
  const blue = [0, 114, 178];
  let before = 0;
  for (let i = 0; i < 50 && before < 30; i++) {
    before = await countColour(page, blue);
    if (before < 30) await page.waitForTimeout(100);
  }
  assert.ok(before >= 30, `v's blue on the map: ${before} pixels`);
  // Turning the dial turns v on the map and in the words.
  await page.getByLabel('angle of v in degrees').fill('236');
  await page.waitForFunction(() => /v at 236°, 180° from ∇f/.test(document.querySelector('[data-testid=arrow-note]')?.textContent ?? ''));
  assert.ok((await countColour(page, blue)) >= 30);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('where ∇f = 0 the dial says every direction is flat, and no ∇f arrow is drawn', async () => {
  const { page, context, problems } = await open('?p=0,0');
  await page.waitForFunction(() => /gradient is zero/.test(document.querySelector('svg.dial')?.getAttribute('aria-label') ?? ''));
  const label = await dialLabel(page);
  assert.match(label, /The gradient is zero at this point, so the slope is 0 in every direction and no direction is steepest\./);
  assert.doesNotMatch(label, /NaN|undefined/);
  assert.match(await arrowNote(page), /∇f = 0 here, so there is no ∇f arrow\./);
  assert.equal((await page.textContent('[data-testid=directional-value] strong')).trim(), '0');
  // With no direction to point along, the two buttons are off.
  assert.ok(await page.getByRole('button', { name: 'Point v along ∇f' }).isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Along the level curve' }).isDisabled());
  assert.deepEqual(problems(), []);
  await context.close();
});

test('where f is undefined no arrow is drawn and nothing reads NaN', async () => {
  const { page, context, problems } = await open('?f=ln(x)%2By&p=-1,0.5');
  await page.waitForFunction(() => /undefined/.test(document.querySelector('[data-testid=arrow-note]')?.textContent ?? ''));
  assert.match(await arrowNote(page), /No arrows at this point: f or ∇f is undefined here\./);
  assert.match(await dialLabel(page), /∇f is undefined at this point/);
  assert.match(await page.textContent('[data-testid=dial-why]'), /f is undefined at this point, so ∇f and the slope along v are undefined too/);
  assert.doesNotMatch(await page.textContent('main'), /NaN/);
  assert.equal(await countColour(page, [0, 114, 178], 4), 0, 'no v arrow');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('screenshots of lesson 11 at 360 and 1280 px, light and dark', async () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, problems } = await open('?dial-a=150', viewport, scheme);
      await page.locator('[data-testid=arrow-note]').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} ${scheme}: ${overflow}px too wide`);
      await page.locator('section.explorer').screenshot({ path: `${SHOTS}dial-map-${name}-${scheme}.png` });
      await page.locator('.direction-dial').screenshot({ path: `${SHOTS}dial-dial-${name}-${scheme}.png` });
      assert.deepEqual(problems(), [], `${name} ${scheme}`);
      await context.close();
    }
  }
});

test('dragging v round the dial turns it, and a drag near ∇f lands on it exactly', async () => {
  const { page, context, problems } = await open();
  const dial = page.locator('svg.dial');
  await dial.scrollIntoViewIfNeeded();
  const box = await dial.boundingBox();
  const centre = [box.x + box.width / 2, box.y + box.height / 2];
  const radius = 0.4 * box.width;
  const at = (deg) => {
    const t = (deg * Math.PI) / 180;
    return [centre[0] + radius * Math.cos(t), centre[1] - radius * Math.sin(t)];
  };
  // Grab v's tip (45°) and drag it round to 150°.
  await page.mouse.move(...at(45));
  await page.mouse.down();
  for (const d of [70, 100, 130, 150]) await page.mouse.move(...at(d), { steps: 3 });
  await page.mouse.up();
  // Pointer positions are whole CSS pixels, about 0.7° apart on this ring.
  const near = (deg) =>
    page.waitForFunction(
      (deg) => Math.abs(Number(new URLSearchParams(location.search).get('dial-a')) - deg) <= 1.5,
      deg,
    );
  await near(150);
  const shown = Number(await page.getByLabel('angle of v in degrees').inputValue());
  assert.ok(Math.abs(shown - 150) <= 1.5, `${shown}`);
  assert.match(await dialLabel(page), new RegExp(`v points at ${shown}°`));
  // f = x² + y² at (2, 3): ∇f = [4, 6] points at 56.31°, |∇f| = 7.211. A drag that ends 2°
  // past it puts v on ∇f exactly: the slope is the largest there is, and equals |∇f|.
  await page.mouse.move(...at(150));
  await page.mouse.down();
  await page.mouse.move(...at(58.3), { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=directional-value] strong')?.textContent.trim() === '7.211',
  );
  assert.equal((await page.textContent('[data-testid=gradient-norm]')).trim(), '|∇f| = 7.211');
  // 2° from the level curve (146.31°) snaps onto it: the slope is 0.
  await page.mouse.move(...at(56.3));
  await page.mouse.down();
  await page.mouse.move(...at(148.3), { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=directional-value] strong')?.textContent.trim() === '0',
  );
  // A click on the dial points v at the click; a click at the centre leaves v alone.
  await page.mouse.click(...at(-90));
  await near(270);
  const clicked = await page.getByLabel('angle of v in degrees').inputValue();
  await page.mouse.click(...centre);
  await page.waitForTimeout(200);
  assert.equal(await page.getByLabel('angle of v in degrees').inputValue(), clicked);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('at a corner of f the dial does not call every direction flat, and the explorer says which partial does not exist', async () => {
  // |x| + |y| at (0, 0): the formulas give ∇f = [0, 0] (sign(0) = 0), but f has a corner.
  const dial = await site.open('embed/dial?v=1&f=abs(x)%2Babs(y)&p=0,0');
  await dial.page.locator('svg.dial').waitFor();
  const label = await dialLabel(dial.page);
  assert.match(label, /∇f is undefined at this point/);
  assert.doesNotMatch(label, /every direction/);
  assert.match(await dial.page.textContent('[data-testid=directional-value]'), /undefined here/);
  assert.match(await dial.page.textContent('[data-testid=dial-why]'), /f is not differentiable at this point: along x or y it has a corner/);
  assert.doesNotMatch(await dial.page.textContent('body'), /NaN/);
  assert.deepEqual(dial.problems(), []);
  await dial.context.close();

  // The playground's explorer at (0, 1) on |x| + y²: a corner along x only. ∂f/∂x reads
  // "undefined here" (its formula's sign(0) = 0 is no slope), ∂f/∂y is 2, and a note says why.
  const { page, context, problems } = await site.open('playground?v=1&f=abs(x)%2By%5E2&p=0,1');
  const note = page.locator('[data-testid=missing-partials]');
  await note.waitFor();
  const text = await note.textContent();
  assert.match(text, /Along x, f has a corner at this point: its slope is −1 just before x₀ and 1 just after, so ∂f\/∂x does not exist here\./);
  assert.match(text, /The formula for ∂f\/∂x still gives 0 here/);
  assert.doesNotMatch(text, /∂f\/∂y/);
  assert.equal((await page.textContent('.fx-value-grad')).trim(), '[undefined here, 2]');
  assert.match(await page.textContent('[data-testid=arrow-note]'), /undefined/);
  // Away from the corner the note goes.
  await page.goto(`${site.origin}${BASE}playground?v=1&f=abs(x)%2By%5E2&p=0.5,1`);
  await page.locator('.fx-point').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await note.count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});
