// End-to-end tests of lessons 6 and 7 as a learner uses them: push η past 2/λ_max and read
// why descent diverges; train the regression and watch the loss fall while the gradient
// formulas agree with automatic differentiation; switch to mini-batches; type a saddle and
// read its classification; reload and find the same state. Every number is the page's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, VIEWPORTS, BASE, SHOTS } from './harness.mjs';

const site = withSite();

async function open(path, viewport = VIEWPORTS.desktop, colorScheme = 'light') {
  const watched = await site.open(path, viewport, colorScheme);
  await watched.page.locator('main h1').waitFor();
  return watched;
}

const num = (t) => Number(t.trim().replaceAll('−', '-'));

/** Waits until `fn` (run in the page) is truthy, polling; returns its value. */
async function until(page, fn, arg) {
  const handle = await page.waitForFunction(fn, arg, { timeout: 60_000 });
  return handle.jsonValue();
}

/** The loss in the trainer's status line ("Step 12: … L = 3.5."). */
async function trainerState(page) {
  const text = await page.textContent('[data-testid=trainer-status]');
  const step = Number(text.match(/Step (\d+):/)[1]);
  const loss = num(text.match(/L = ([^ ]+?)\.( |$)/)[1]);
  return { step, loss, text };
}

test('lesson 6: η exactly 2/λ_max bounces for ever, and the page says so', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml');
  await page.locator('[data-testid=regime]').waitFor();
  await page.fill('[data-testid=rate-input]', '0.1');
  await page.press('[data-testid=rate-input]', 'Enter');
  await until(page, () => document.querySelector('[data-testid=regime]')?.dataset.regime === 'bounces');
  await until(page, () => document.querySelector('[data-testid=outcome]')?.textContent.startsWith('Still bouncing'));
  const outcome = await page.locator('[data-testid=outcome]').textContent();
  assert.doesNotMatch(outcome, /η is small/, outcome);
  assert.match(await page.locator('[data-testid=regime]').textContent(), /for ever/);
  // A rate the explorer cannot run is refused out loud, and the box shows the η in use.
  await page.fill('[data-testid=rate-input]', '1e6');
  await page.press('[data-testid=rate-input]', 'Enter');
  await page.locator('[data-testid=rate-note]').getByText(/above 10.*still using η = 0\.1/).waitFor();
  assert.equal(await page.inputValue('[data-testid=rate-input]'), '0.1');
  await page.fill('[data-testid=rate-input]', '0.05');
  await page.press('[data-testid=rate-input]', 'Enter');
  await until(page, () => document.querySelector('[data-testid=regime]')?.dataset.regime === 'converges');
  assert.equal((await page.locator('[data-testid=rate-note]').textContent()).trim(), '');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 6: η past 2/λ_max diverges, and the page says why', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml');
  const regime = page.locator('[data-testid=regime]');
  await regime.waitFor();
  // The default loss x² + 10y² has λ_max = 20: the page quotes 2/λ_max = 0.1.
  await page.getByText('2/λ_max at the start = 0.1').waitFor();
  await page.getByRole('button', { name: 'η = 1.05 · 2/λ_max' }).click();
  await until(page, () => document.querySelector('[data-testid=regime]')?.dataset.regime === 'diverges');
  const outcome = page.locator('[data-testid=outcome]');
  await until(page, () => document.querySelector('[data-testid=outcome]')?.textContent.startsWith('Diverged'));
  const why = await outcome.textContent();
  assert.match(why, /η·λ_max = 2\.1 > 2/, why);
  assert.match(why, /last finite point/, why);
  assert.match(await regime.textContent(), /2\/λ_max = 0\.1/);
  // Just below the threshold it oscillates but converges.
  await page.fill('[data-testid=rate-input]', '0.099');
  await page.press('[data-testid=rate-input]', 'Enter');
  await until(page, () => document.querySelector('[data-testid=regime]')?.dataset.regime === 'oscillates');
  await until(page, () => document.querySelector('[data-testid=outcome]')?.textContent.startsWith('Converged'));
  // The first step is written out: its length is η‖∇L‖, not η.
  const step = await page.textContent('[data-testid=first-step]');
  assert.match(step, /length is η‖∇L‖ = 0\.099 × 30\.41 = 3\.011/, step);
  // A loss in other variables is refused with a sentence, and the last good one stays.
  await page.fill('#lr-f', 'x^2 + z^2');
  await page.locator('#lr-f-error').filter({ hasText: 'x and y' }).waitFor();
  await page.fill('#lr-f', 'x^2 + y^2');
  await until(page, () => document.querySelector('[data-testid=outcome]')?.textContent.startsWith('Converged'));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 6: the regression trains, its loss falls and the formulas agree with autodiff', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml');
  await page.locator('[data-testid=trainer-status]').waitFor();
  const first = await trainerState(page);
  assert.equal(first.step, 0);
  const t0 = Date.now();
  await page.click('[data-testid=train]');
  await until(page, () => {
    const s = document.querySelector('[data-testid=trainer-status]');
    return s && s.dataset.status !== 'training';
  });
  const seconds = (Date.now() - t0) / 1000;
  const last = await trainerState(page);
  assert.ok(last.step > 20, last.text);
  assert.ok(last.loss < first.loss / 5, `${first.loss} → ${last.loss}`);
  console.log(`trained ${last.step} steps in ${seconds.toFixed(1)} s (${(last.step / seconds).toFixed(0)} steps/s with redraws)`);
  // The gradient at the current weights, by the formula and by autodiff.
  const rows = await page.$$eval('.gradient-table tr[data-partial]', (trs) =>
    trs.map((tr) => [tr.dataset.partial, Number(tr.dataset.formula), Number(tr.dataset.autodiff)]),
  );
  assert.equal(rows.length, 3);
  for (const [name, f, a] of rows) {
    assert.ok(Number.isFinite(f) && Number.isFinite(a), `${name}: ${f} ${a}`);
    assert.ok(Math.abs(f - a) <= 1e-9 * Math.max(1, Math.abs(f)), `${name}: ${f} vs ${a}`);
  }
  // Mini-batches: a noisy path that still gets the loss down.
  await page.getByLabel(/Mini-batches of 8/).check();
  await until(page, () => document.querySelector('[data-testid=trainer-status]')?.textContent.startsWith('Step 0:'));
  await page.click('[data-testid=train]');
  await until(page, () => document.querySelector('[data-testid=trainer-status]')?.dataset.status === 'out-of-steps');
  const noisy = await trainerState(page);
  assert.equal(noisy.step, 300);
  assert.ok(noisy.loss < first.loss / 5, noisy.text);
  // A new data set is a new seed in the address.
  await page.getByRole('button', { name: 'New data' }).click();
  await until(page, () => new URLSearchParams(location.search).get('seed') === '2');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 6: too large an η for the regression diverges with its cause', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml?eta=2');
  await page.locator('[data-testid=trainer-status]').waitFor();
  assert.match(await page.textContent('.trainer-rate-note'), /η·λ_max = .* ≥ 2/);
  await page.click('[data-testid=train]');
  await until(page, () => document.querySelector('[data-testid=trainer-status]')?.dataset.status === 'diverged');
  const text = await page.textContent('[data-testid=trainer-status]');
  assert.match(text, /Diverged\. At step \d+ the loss grew from .* because η·λ_max = .* > 2/, text);
  assert.ok(!/NaN|not a number/.test(text), text);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 7: x^2 - y^2 has a saddle, with equal mixed partials and the conditions stated', async () => {
  const { page, context, problems } = await open('lesson/hessian');
  await page.locator('[data-testid=classification]').waitFor();
  await page.fill('#hx-f', 'x^2 - y^2');
  await until(page, () => document.querySelector('[data-testid=classification]')?.dataset.kind === 'saddle');
  const text = await page.textContent('[data-testid=classification]');
  assert.match(text, /∇f = 0 at \(0, 0\)/, text);
  assert.match(text, /saddle point/, text);
  assert.match(text, /det H = .* = −4 < 0/, text);
  assert.equal(await page.getAttribute('[data-testid=hessian-symbolic]', 'data-text'), 'H = [[2, 0], [0, −2]]');
  // The default's mixed partials were shown side by side; x²y³ gives 6xy² both ways.
  await page.getByRole('button', { name: 'x^2*y^3' }).click();
  await until(page, () => document.querySelectorAll('[data-testid=mixed-partials] .math')[1]?.getAttribute('aria-label')?.endsWith('6xy²'));
  const both = await page.$$eval('[data-testid=mixed-partials] .math', (els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(both, ['∂/∂y (∂f/∂x) = 6xy²', '∂/∂x (∂f/∂y) = 6xy²']);
  // x⁴ + y⁴: the test is inconclusive at its minimum.
  await page.getByRole('button', { name: 'x^4 + y^4' }).click();
  await until(page, () => document.querySelector('[data-testid=classification]')?.dataset.kind === 'inconclusive');
  // The counter-example: positive definite at 0, not convex.
  await page.getByRole('button', { name: 'x^2 + y^2 - x^4/12' }).click();
  await until(page, () => document.querySelector('[data-testid=convexity]')?.textContent.startsWith('Not convex'));
  await page.getByLabel(/Colour the map by the Hessian/).check();
  await page.locator('.legend-swatches li', { hasText: 'indefinite' }).waitFor();
  // Three variables: a 3 × 3 Hessian and a z coordinate.
  await page.fill('#hx-f', 'x^2 + y^2 + z^2 + x*z');
  await until(page, () => document.querySelector('[data-testid=hessian-symbolic]')?.dataset.text === 'H = [[2, 0, 1], [0, 2, 0], [1, 0, 2]]');
  await page.getByLabel('z of the point').waitFor();
  await until(page, () => document.querySelector('[data-testid=classification]')?.dataset.kind === 'minimum');
  assert.equal(await page.locator('[data-testid=mixed-partials]').count(), 3);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 6: one step of gradient descent, checked with diagnoses', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml');
  const box = page.locator('#gradients-in-ml-descent-step');
  await box.waitFor();
  const text = await box.locator('.try-question').getAttribute('data-text');
  const [, w1, w2] = text.match(/w = \((\S+), (\S+)\)/).map((v, i) => (i ? num(v) : v));
  const eta = num(text.match(/η = ([^ ]+?)\. /)[1]);
  // The second hint gives the gradient at w (it is not the answer).
  await box.getByRole('button', { name: 'Hint' }).click();
  await box.getByRole('button', { name: 'Hint' }).click();
  const hint = await box.locator('.try-hints li').nth(1).textContent();
  const [, g1, g2] = hint.match(/∇L = \[(.+), (.+)\]/).map((v, i) => (i ? num(v) : v));
  let shown = null;
  const submit = async (answer) => {
    await box.locator('input[type=text]').fill(answer);
    await box.getByRole('button', { name: 'Check' }).click();
    shown = await until(
      page,
      (prev) => {
        const t = document.querySelector('#gradients-in-ml-descent-step .try-feedback p')?.textContent;
        return t && t !== prev ? t : null;
      },
      shown,
    );
    return shown;
  };
  assert.match(await submit(`[${w1 + eta * g1}, ${w2 + eta * g2}]`), /uphill/);
  const n = Math.hypot(g1, g2);
  assert.match(await submit(`[${w1 - (eta * g1) / n}, ${w2 - (eta * g2) / n}]`), /η‖∇L‖/);
  assert.match(await submit(`[${w1 - g1}, ${w2 - g2}]`), /learning rate is missing/);
  const right = await submit(`[${(w1 - eta * g1).toFixed(4)}, ${(w2 - eta * g2).toFixed(4)}]`);
  assert.match(right, /^Correct\./, right);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 7: a Hessian entry and a classification, checked with diagnoses', async () => {
  const { page, context, problems } = await open('lesson/hessian');
  const entry = page.locator('#hessian-hessian-entry');
  await entry.waitFor();
  // Entries are whole numbers here, so 0.123 is wrong, and the page says so.
  await entry.locator('input[type=text]').fill('0.123');
  await entry.getByRole('button', { name: 'Check' }).click();
  await entry.locator('.feedback-wrong').waitFor();
  const box = page.locator('#hessian-classify');
  await box.waitFor();
  const options = box.locator('input[type=radio]');
  assert.equal(await options.count(), 4);
  let correct = 0;
  let t = null;
  for (let i = 0; i < 4; i += 1) {
    await options.nth(i).check();
    await box.getByRole('button', { name: 'Check' }).click();
    t = await until(
      page,
      (prev) => {
        const now = document.querySelector('#hessian-classify .try-feedback p')?.textContent;
        return now && now !== prev ? now : null;
      },
      t,
    );
    if (t.startsWith('Correct')) {
      correct += 1;
      assert.match(t, /eigenvalues/, t);
    } else {
      assert.match(t, /det H/, t);
    }
  }
  assert.equal(correct, 1);
  await box.getByRole('button', { name: 'New question' }).click();
  await until(page, () => !document.querySelector('#hessian-classify .try-feedback p'));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lesson 7: generated questions wrap on a phone instead of widening the page', async () => {
  const { page, context, problems } = await open('lesson/hessian', VIEWPORTS.phone);
  const box = page.locator('#hessian-classify');
  await box.waitFor();
  for (let i = 0; i < 12; i += 1) {
    const before = await box.locator('.try-question').getAttribute('data-text');
    await box.getByRole('button', { name: 'New question' }).click();
    await until(page, (b) => document.querySelector('#hessian-classify .try-question')?.dataset.text !== b, before);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${overflow}px too wide: ${await box.locator('.try-question').getAttribute('data-text')}`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lessons 6 and 7 keep their state in the address and restore it', async () => {
  const { page, context, problems } = await open('lesson/gradients-in-ml');
  await page.locator('[data-testid=regime]').waitFor();
  await page.fill('[data-testid=rate-input]', '0.05');
  await page.press('[data-testid=rate-input]', 'Enter');
  await page.getByLabel(/Mini-batches of 8/).check();
  await until(page, () => {
    const q = new URLSearchParams(location.search);
    return q.get('rate') === '0.05' && q.get('batch') === '1';
  });
  await page.reload();
  await page.locator('[data-testid=regime]').waitFor();
  assert.equal(await page.inputValue('[data-testid=rate-input]'), '0.05');
  assert.ok(await page.getByLabel(/Mini-batches of 8/).isChecked());
  await page.goto(`${site.origin}${BASE}lesson/hessian?f=x%5E2-y%5E2&p=1,2`);
  await until(page, () => document.querySelector('[data-testid=classification]')?.dataset.kind === 'saddle');
  assert.equal(await page.inputValue('#hx-f'), 'x^2-y^2');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('lessons 6 and 7 at phone and desktop widths, light and dark', async () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark']) {
      for (const [slug, name] of [['gradients-in-ml', 'lesson6'], ['hessian', 'lesson7']]) {
        const { page, context, problems } = await open(`lesson/${slug}`, viewport, scheme);
        await page.locator('.map-canvas canvas').first().waitFor();
        await page.waitForTimeout(2500);
        // Nothing sticks out sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} ${size}: ${overflow}px too wide`);
        await page.screenshot({ path: `${SHOTS}${name}-${size}-${scheme}.png`, fullPage: true });
        assert.deepEqual(problems(), [], `${name} ${size} ${scheme}`);
        await context.close();
      }
    }
  }
});
