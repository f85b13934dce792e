// End-to-end tests of lessons 8 and 9 as a learner uses them: make data by clicking and
// train a logistic regression until it separates the classes; paste bad CSV and read which
// line is wrong; switch to squared error; keep the state in the address; train on 10,000
// points and pause at once. Timings measured here are printed for the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, BASE, SHOTS, NUMBER, pageNumber } from './harness.mjs';

const site = withSite();

async function open(path, viewport = VIEWPORTS.desktop, scheme = 'light') {
  const watched = await site.open(path, viewport, scheme);
  await watched.page.locator('main h1, .embed').first().waitFor();
  return watched;
}

/** Clicks the plane at (x1, x2), for the default window [−4, 4]². */
async function clickPlane(page, x1, x2) {
  const plane = page.getByTestId('classifier-plane');
  const box = await plane.boundingBox();
  await plane.click({
    position: { x: ((x1 + 4) / 8) * box.width, y: ((4 - x2) / 8) * box.height },
  });
}

const status = (page) => page.getByTestId('train-status').textContent();
const lossIn = (text) => pageNumber(text.match(new RegExp(`loss (${NUMBER})`))?.[1]);
const stepsIn = (text) => Number(text.match(/(\d+) steps/)?.[1]);

test('a learner clicks two classes onto the plane and training separates them', async () => {
  const { page, context, problems } = await open('embed/logistic?n=0');
  const plane = page.getByTestId('classifier-plane');
  await page.waitForFunction(() =>
    /0 points/.test(document.querySelector('[data-testid=classifier-plane]')?.getAttribute('aria-label')),
  );
  await page.getByLabel('class 0 (ring)').check();
  for (const [x, y] of [[-2, -1], [-2.5, 0.5], [-1.5, -2], [-3, -0.5]]) await clickPlane(page, x, y);
  await page.getByLabel('class 1 (disc)').check();
  for (const [x, y] of [[2, 1], [1.5, 2.5], [2.5, -0.5], [3, 1.5]]) await clickPlane(page, x, y);
  assert.match(await plane.getAttribute('aria-label'), /8 points: 4 of class 1 \(filled discs\) and 4 of class 0/);
  // Untrained (w = 0): p = ½ everywhere, loss ln 2.
  const before = lossIn(await status(page));
  assert.ok(Math.abs(before - Math.LN2) < 1e-3, `starting loss ${before}`);
  await page.getByTestId('train').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=train-status]').textContent.match(/(\d+) steps/)?.[1]) > 300,
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => /^Paused/.test(document.querySelector('[data-testid=train-status]').textContent));
  const after = lossIn(await status(page));
  assert.ok(after < before / 5, `loss fell from ${before} to ${after}`);
  // The boundary separates the classes: every point on its side.
  await page.waitForFunction(() =>
    /8 of 8 points \(100%\)/.test(document.querySelector('[data-testid=classifier-plane]').getAttribute('aria-label')),
  );
  assert.match(await plane.getAttribute('aria-label'), /decision boundary p = 0\.5 is the line/);
  // The clicked points are in the address.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('pts')?.split(';').length === 8);
  // Formula and reverse mode agree, digit for digit as shown.
  for (const k of [0, 1, 2]) {
    const f = await page.getByTestId(`grad-formula-${k}`).textContent();
    const t = await page.getByTestId(`grad-tape-${k}`).textContent();
    assert.equal(f, t, `component ${k}`);
  }
  assert.match(await page.getByTestId('grad-agreement').textContent(), new RegExp(`Relative error between the two columns: (0|${NUMBER})\\.`));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('bad CSV names its line and keeps the data; good CSV loads and copies out', async () => {
  const { page, context, problems } = await open('lesson/worked-models');
  const plane = page.getByTestId('classifier-plane');
  await page.waitForFunction(() =>
    /80 points/.test(document.querySelector('[data-testid=classifier-plane]')?.getAttribute('aria-label')),
  );
  await page.getByText('Paste or copy the data as CSV').click();
  await page.getByTestId('csv-in').fill('x1,x2,label\n0.5,1,1\n2,abc,0\n');
  await page.getByRole('button', { name: 'Load rows' }).click();
  const message = page.getByTestId('csv-message');
  await message.waitFor();
  const text = await message.textContent();
  assert.match(text, /Line 3: x2 is “abc” — not a number/, text);
  assert.match(text, /the 80 points already there are kept/, text);
  assert.match(await plane.getAttribute('aria-label'), /^80 points/);
  await page.getByTestId('csv-in').fill('1,2,0\n1,2,7');
  await page.getByRole('button', { name: 'Load rows' }).click();
  await page.waitForFunction(() => /Line 2: the label is “7” but must be 0 or 1/.test(document.querySelector('[data-testid=csv-message]').textContent));
  await page.getByTestId('csv-in').fill('x1,x2,label\n-1,-1,0\n1,1,1\n-2,0.5,0\n');
  await page.getByRole('button', { name: 'Load rows' }).click();
  await page.waitForFunction(() => /Loaded 3 points \(1 of class 1, 2 of class 0\)/.test(document.querySelector('[data-testid=csv-message]').textContent));
  assert.match(await plane.getAttribute('aria-label'), /^3 points/);
  await page.getByRole('button', { name: 'Show current data as CSV' }).click();
  assert.equal(await page.getByTestId('csv-out').inputValue(), 'x1,x2,label\n-1,-1,0\n1,1,1\n-2,0.5,0\n');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('l8-pts') === '-1,-1,0;1,1,1;-2,0.5,0');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the MSE switch changes the loss, its formula and the address, and a reload restores it', async () => {
  const { page, context, problems } = await open('lesson/worked-models');
  await page.getByTestId('train-status').waitFor();
  assert.match(await status(page), /cross-entropy/);
  await page.getByLabel('Train on squared error (MSE) instead of cross-entropy').check();
  await page.waitForFunction(() => /squared error/.test(document.querySelector('[data-testid=train-status]').textContent));
  const formula = page.locator('.gradient-panel .math[aria-label^="∂L/∂w = Xᵀ[2(p − y)"]');
  assert.equal(await formula.count(), 1);
  await page.getByTestId('train').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-status]').textContent.match(/(\d+) steps/)?.[1]) > 50);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => /^Paused/.test(document.querySelector('[data-testid=train-status]').textContent));
  // The address catches up with the weights shown.
  await page.waitForFunction(() => {
    const q = new URL(location.href).searchParams;
    const shown = document.querySelector('[data-testid=logistic-trainer]').dataset.weights.split(',');
    return q.get('l8-loss') === 'mse' && q.get('l8-w1') === shown[0] && q.get('l8-w2') === shown[1] && q.get('l8-b') === shown[2];
  });
  const w1 = new URL(page.url()).searchParams.get('l8-w1');
  const shown = await page.getByTestId('classifier-plane').getAttribute('aria-label');
  await page.reload();
  await page.getByTestId('train-status').waitFor();
  assert.match(await status(page), /Paused: 0 steps, mean squared error/);
  assert.equal(await page.getByLabel('Train on squared error (MSE) instead of cross-entropy').isChecked(), true);
  assert.equal(new URL(page.url()).searchParams.get('l8-w1'), w1);
  // The same boundary (weights to six digits) over the same data.
  assert.equal(await page.getByTestId('classifier-plane').getAttribute('aria-label'), shown);
  assert.equal(await page.locator('[data-testid=address-notes]').count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('with 10,000 points training keeps going and a pause takes effect at once', async () => {
  const { page, context, problems } = await open('embed/logistic?n=5000');
  await page.waitForFunction(() =>
    /^10000 points/.test(document.querySelector('[data-testid=classifier-plane]')?.getAttribute('aria-label')),
  );
  await page.getByTestId('train').click();
  await page.waitForFunction(() => /steps per second/.test(document.querySelector('[data-testid=steps-per-second]').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(1500);
  const speed = await page.getByTestId('steps-per-second').textContent();
  // Time from the click on Pause to the page saying it is paused, measured in the page.
  const pauseMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const button = document.querySelector('[data-testid=train]');
        const status = document.querySelector('[data-testid=train-status]');
        const t0 = performance.now();
        const seen = () => (/^Paused/.test(status.textContent) ? resolve(performance.now() - t0) : requestAnimationFrame(seen));
        button.click();
        seen();
      }),
  );
  const steps = stepsIn(await status(page));
  console.log(`10,000 points: ${speed}; ${steps} steps; pause shown after ${pauseMs.toFixed(1)} ms`);
  assert.ok(steps > 0);
  assert.ok(pauseMs < 1000, `paused after ${pauseMs} ms`);
  // Still paused a moment later: no step was taken after the pause.
  await page.waitForTimeout(300);
  assert.equal(stepsIn(await status(page)), steps);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('steps per second on the lesson’s default data', async () => {
  const { page, context, problems } = await open('lesson/worked-models');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => /steps per second/.test(document.querySelector('[data-testid=steps-per-second]').textContent));
  console.log(`80 points: ${await page.getByTestId('steps-per-second').textContent()}`);
  await page.getByTestId('train').click();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 8 screenshots at phone and desktop widths, light and dark', async () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, problems } = await open('lesson/worked-models', viewport, scheme);
      await page.getByTestId('train').click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-status]').textContent.match(/(\d+) steps/)?.[1]) > 200);
      await page.getByTestId('train').click();
      await page.waitForFunction(() => /^Paused/.test(document.querySelector('[data-testid=train-status]').textContent));
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} ${scheme}: page is ${overflow}px wider than the screen`);
      await page.locator('.logistic-trainer').screenshot({ path: `${SHOTS}models-trainer-${name}-${scheme}.png` });
      const graph = page.getByTestId('layer-graph');
      for (let k = 0; k < 12; k++) await graph.getByRole('button', { name: /(Forward|Backward) step/ }).click();
      await graph.screenshot({ path: `${SHOTS}models-layer-${name}-${scheme}.png` });
      assert.deepEqual(problems(), []);
      await context.close();
    }
  }
});

test('the layer graph fills values forward and adjoints backward, ending with the outer product', async () => {
  const { page, context, problems } = await open('lesson/worked-models');
  const graph = page.getByTestId('layer-graph');
  await graph.waitFor();
  await graph.getByLabel('m (outputs)').selectOption('3');
  await graph.getByLabel('n (inputs)').selectOption('2');
  const explain = graph.getByTestId('layer-step');
  assert.match(await explain.textContent(), /^Step 0 of 16/);
  await graph.getByRole('button', { name: 'Forward step' }).click();
  assert.match(await explain.textContent(), /input x has n = 2 entries/);
  for (let k = 1; k < 8; k++) await graph.getByRole('button', { name: 'Forward step' }).click();
  assert.match(await explain.textContent(), /^Step 8 of 16\. L = ½‖a − y‖²/);
  // Forward done: values everywhere, no adjoint yet.
  assert.equal(await graph.locator('.node-card[data-node=W] .node-adjoint .pending').count(), 1);
  for (let k = 8; k < 16; k++) await graph.getByRole('button', { name: 'Backward step' }).click();
  assert.match(await explain.textContent(), /^Step 16 of 16\. ∂L\/∂x = Wᵀδ/);
  await graph.getByRole('button', { name: 'Step back' }).click();
  const wStep = await explain.textContent();
  assert.match(wStep, /outer product of shape 3 × 2/);
  // The W card's adjoint is a 3 × 2 matrix.
  assert.equal(await graph.locator('.node-card[data-node=W] .node-adjoint table.matrix tr').count(), 3);
  assert.equal(await graph.locator('.node-card[data-node=W] .node-adjoint table.matrix tr:first-child td').count(), 2);
  assert.match(await graph.getByTestId('layer-facts').textContent(), /shape 3 × 2, like W/);
  const agreement = await graph.getByTestId('layer-agreement').textContent();
  const err = pageNumber(agreement.match(new RegExp(`Relative error over all 9 entries: (${NUMBER})`))[1]);
  assert.ok(err < 1e-7, agreement);
  assert.match(await graph.getByTestId('numpy-note').textContent(), /could not be broadcast together with shapes \(3,\) \(2,\)/);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('l8g-step') === '15');
  assert.equal(new URL(page.url()).searchParams.get('l8g-m'), '3');
  assert.deepEqual(problems(), []);
  await context.close();
});

const tapeText = (page) => page.getByTestId('tape-step-text').textContent();
/** The tape table's cell in row `node` (0-based) and column `col` (0: op, 1: value, 2…). */
const cell = (page, node, col) =>
  page.locator(`[data-testid=tape-table] tbody tr:nth-child(${node + 1}) td:nth-child(${col + 1})`).textContent();

test('lesson 9: step the course example’s tape forward and backward to the gradient [4, 6]', async () => {
  const { page, context, problems } = await open('lesson/how-computers-get-gradients');
  const viewer = page.getByTestId('tape-viewer');
  await viewer.waitFor();
  assert.equal(await viewer.getByLabel('f =').inputValue(), 'x0^2 + x1^2');
  assert.equal(await viewer.getByLabel('value of x0').inputValue(), '2');
  assert.equal(await viewer.getByLabel('value of x1').inputValue(), '3');
  assert.match(await tapeText(page), /^Step 0 of 9\. The tape has 5 nodes/);
  const step = viewer.getByTestId('tape-step');
  for (let k = 0; k < 5; k++) {
    assert.equal(await step.textContent(), 'Forward');
    await step.click();
  }
  assert.match(await tapeText(page), /v4 = v2 \+ v3 = 13/);
  assert.equal(await cell(page, 2, 1), '4');
  assert.equal(await cell(page, 4, 2), '—', 'no adjoint before the backward pass');
  await step.click();
  assert.match(await tapeText(page), /v̄4 = ∂f\/∂v4 = 1/);
  assert.equal(await step.textContent(), 'Backward');
  await step.click();
  assert.match(await tapeText(page), /v̄2 \+= v̄4 · ∂v4\/∂v2 = 1 · 1 = 1/);
  await step.click();
  await step.click();
  const done = await tapeText(page);
  assert.match(done, /^Step 9 of 9\. v2 = v0 \^ 2 passes its adjoint to its inputs: v̄0 \+= v̄2 · ∂v2\/∂v0 = 1 · 4 = 4/);
  assert.match(done, /Done: the inputs' adjoints are the gradient \[4, 6\]\./);
  assert.equal(await cell(page, 0, 2), '4');
  assert.equal(await cell(page, 1, 2), '6');
  assert.equal(await step.isDisabled(), true);
  // Back one step: x0's adjoint is not filled in yet.
  await viewer.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await cell(page, 0, 2), '0');
  // Four gradients agree.
  for (const method of ['symbolic', 'reverse mode', 'forward mode', 'central differences']) {
    assert.equal(await page.locator(`[data-testid=compare-table] tr[data-method="${method}"] td`).first().textContent(), '[4, 6]', method);
  }
  await page.waitForFunction(() => new URL(location.href).searchParams.get('l9-step') === '8');
  await page.reload();
  await page.getByTestId('tape-step-text').waitFor();
  assert.match(await tapeText(page), /^Step 8 of 9\./);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 9: forward mode takes one dual-number pass per input; h moves only central differences', async () => {
  const { page, context, problems } = await open('lesson/how-computers-get-gradients');
  const viewer = page.getByTestId('tape-viewer');
  await viewer.getByLabel('f =').fill('sin(x0*x1) + x2^3');
  await viewer.getByLabel('value of x2').waitFor();
  await viewer.getByLabel('value of x2').fill('2');
  await viewer.getByLabel('value of x2').press('Enter');
  await viewer.getByLabel('forward mode (dual numbers)').check();
  const counts = await page.getByTestId('op-counts').textContent();
  assert.match(counts, /forward mode3/);
  assert.match(await tapeText(page), /One pass per input: 3 passes/);
  await viewer.getByRole('button', { name: 'To the end' }).click();
  assert.match(await tapeText(page), /Pass 3 of 3 \(tangents with respect to x2\).*This pass gives ∂f\/∂x2 = 12\./);
  // Three tangent columns, one per pass.
  assert.equal(await page.locator('[data-testid=tape-table] thead th').count(), 5);
  const err = async (method) =>
    pageNumber(await page.locator(`[data-testid=compare-table] tr[data-method="${method}"] td`).nth(1).textContent());
  assert.ok((await err('reverse mode')) < 1e-12);
  assert.ok((await err('central differences')) < 1e-6);
  await page.getByLabel('central-difference step h (log scale)').fill('-1');
  await page.waitForFunction(() => document.querySelector('[data-testid=h-value]').textContent === '0.1');
  assert.ok((await err('central differences')) > 1e-4, 'a large h is visibly wrong');
  assert.ok((await err('forward mode')) < 1e-12, 'the exact methods do not move');
  // A typo keeps the last good tape and says what is wrong.
  await viewer.getByLabel('f =').fill('sin(x0*');
  await page.locator('.tape-viewer .field-error').filter({ hasText: /\S/ }).waitFor();
  assert.match(await tapeText(page), /Pass|One pass/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 9 screenshots at phone and desktop widths, light and dark', async () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, problems } = await open('lesson/how-computers-get-gradients?l9-step=7', viewport, scheme);
      await page.getByTestId('tape-viewer').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} ${scheme}: page is ${overflow}px wider than the screen`);
      await page.getByTestId('tape-viewer').screenshot({ path: `${SHOTS}models-tape-${name}-${scheme}.png` });
      assert.deepEqual(problems(), []);
      await context.close();
    }
  }
});

test('lesson 8 exercise: the summed gradient is diagnosed and the mean one accepted', async () => {
  const { page, context, problems } = await open('lesson/worked-models');
  const box = page.locator('.question-box');
  await box.scrollIntoViewIfNeeded();
  const text = await box.locator('.try-question').getAttribute('data-text');
  // "x = (a, b), y = c, p = d" three times, then which weight.
  const pts = [...text.matchAll(/x = \((−?[\d.]+), (−?[\d.]+)\), y = ([01]), p = (\d+(?:\.\d+)?)/g)].map((m) =>
    m.slice(1).map((s) => Number(s.replace('−', '-'))),
  );
  assert.equal(pts.length, 3, text);
  assert.ok(pts.flat().every(Number.isFinite), text);
  const k = /∂L\/∂w₁\?/.test(text) ? 0 : 1;
  const sum = pts.reduce((acc, [x1, x2, y, p]) => acc + (p - y) * (k === 0 ? x1 : x2), 0);
  const answer = async (value) => {
    await box.locator('.try-input').fill(String(value));
    await box.getByRole('button', { name: 'Check' }).click();
    return box.locator('.try-feedback').textContent();
  };
  assert.match(await answer(sum.toFixed(4)), /summed loss, n = 3 times too big/);
  assert.match(await answer((-sum / 3).toFixed(4)), /sign is flipped/);
  await box.getByRole('button', { name: /Hint/ }).click();
  assert.match(await box.locator('.try-hints li').first().textContent(), /p − y/);
  assert.match(await answer((sum / 3).toFixed(3)), /./);
  await box.locator('.feedback-ok').waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 9 exercise: the adjoint of a node, checked with the page’s own tape viewer', async () => {
  const { page, context, problems } = await open('lesson/how-computers-get-gradients');
  const box = page.locator('.question-box');
  const text = await box.locator('.try-question').getAttribute('data-text');
  const [, f, x0, x1] = text.match(/The tape of f = (.+) at x0 = (−?[\d.]+), x1 = (−?[\d.]+):/);
  const k = Number(text.match(/What is the adjoint of v(\d+),/)[1]);
  const value = text.match(new RegExp(`v${k} = [^;]*\\(= (−?[\\d.]+)\\)`))[1].replace('−', '-');
  const viewer = page.getByTestId('tape-viewer');
  await viewer.getByLabel('f =').fill(f);
  await viewer.getByLabel('value of x0').fill(x0.replace('−', '-'));
  await viewer.getByLabel('value of x0').press('Enter');
  await viewer.getByLabel('value of x1').fill(x1.replace('−', '-'));
  await viewer.getByLabel('value of x1').press('Enter');
  await viewer.getByRole('button', { name: 'To the end' }).click();
  const adjoint = (await cell(page, k, 2)).replace('−', '-');
  const check = async (v) => {
    await box.locator('.try-input').fill(v);
    await box.getByRole('button', { name: 'Check' }).click();
    return box.locator('.try-feedback').textContent();
  };
  if (Number(value) !== Number(adjoint)) {
    assert.match(await check(value), /value from the forward pass/);
  }
  await check(adjoint);
  await box.locator('.feedback-ok').waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});
