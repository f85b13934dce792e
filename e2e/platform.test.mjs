// End-to-end tests of the platform: every registered widget's state round-trips through
// its address and its Embed snippet; bad, unknown and oversized parameters fall back to
// defaults with a visible note; the playground and lesson pages keep their state in the
// address (replaced, not pushed) and restore it on reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSite, watchedPage, VIEWPORTS, BASE, snippetSrc } from './harness.mjs';

let widgets = [];

const site = withSite(async () => {
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}embed`);
  await page.waitForSelector('.widget-list li');
  widgets = await page.$$eval('.widget-list li', (lis) =>
    lis.map((li) => ({
      name: li.dataset.widget,
      keys: li.dataset.keys.split(','),
      example: new URL(li.querySelector('.example-link').href).search,
    })),
  );
  await context.close();
});

/** The key → value map of a query string, as our scheme reads it (`+` is a plus sign). */
function params(search) {
  const out = {};
  for (const piece of search.replace(/^\?/, '').split('&').filter(Boolean)) {
    const [k, v = ''] = piece.split('=');
    out[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return out;
}

test('the embed index lists the explorer and the direction dial', async () => {
  const names = widgets.map((w) => w.name);
  assert.ok(names.includes('explorer') && names.includes('dial'), names.join(','));
});

test('every registered widget restores its example state and embeds it unchanged', async () => {
  for (const w of widgets) {
    const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
    await page.goto(`${site.origin}${BASE}embed/${w.name}${w.example}`);
    await page.waitForSelector(`.embed[data-widget=${w.name}]`);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[data-testid=address-notes]').count(), 0, `${w.name}: no notes`);
    assert.equal(await page.locator('.site-header').count(), 0);
    const src = await snippetSrc(page);
    assert.equal(src.pathname, `${BASE}embed/${w.name}`);
    assert.deepEqual(params(src.search), params(w.example), `${w.name}: snippet state`);
    // The snippet's own address gives the same snippet again.
    await page.goto(src.href);
    await page.waitForSelector(`.embed[data-widget=${w.name}]`);
    await page.waitForTimeout(300);
    const again = await snippetSrc(page);
    assert.deepEqual(params(again.search), params(w.example), `${w.name}: second round`);
    assert.deepEqual(problems(), [], w.name);
    await context.close();
  }
});

test('bad, unknown and oversized parameters fall back to defaults with notes', async () => {
  for (const w of widgets) {
    const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
    const bad = `f=${encodeURIComponent('x^^2')}&p=1,nan&zoom=3&a=${'9'.repeat(60)}&rate=-5`;
    await page.goto(`${site.origin}${BASE}embed/${w.name}?${bad}`);
    const notes = page.locator('[data-testid=address-notes]');
    await notes.waitFor();
    const text = await notes.textContent();
    // Each widget is told about the bad values of the keys it declares.
    if (w.keys.includes('f')) {
      assert.match(text, /function in the link \("x\^\^2"\) could not be used/, `${w.name}: ${text}`);
    }
    if (w.keys.includes('p')) assert.match(text, /point in the link/, text);
    if (w.keys.includes('rate')) assert.match(text, /in the link \("-5"\) could not be used/, text);
    assert.match(text, /"zoom"/, text);
    assert.deepEqual(problems(), [], w.name);
    // A query past the limit is not read at all.
    await page.goto(`${site.origin}${BASE}embed/${w.name}?f=${'x'.repeat(5000)}`);
    await notes.waitFor();
    assert.match(await notes.textContent(), /too long to read/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await notes.count(), 0);
    assert.deepEqual(problems(), [], w.name);
    await context.close();
  }
  const { page, context } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  const long = 'x+'.repeat(300) + 'y';
  await page.goto(`${site.origin}${BASE}playground?f=${long}`);
  await page.locator('[data-testid=address-notes]').waitFor();
  assert.match(await page.locator('[data-testid=address-notes]').textContent(), /601 characters long \(the limit is 500\)/);
  assert.equal(await page.inputValue('.fx-input'), 'x^2 + 3*x*y + y^2');
  await context.close();
});

test('a typed + in ?f= is a plus sign', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}playground?f=x^2+y^2`);
  await page.waitForSelector('.fx-math[data-role=fx]');
  assert.equal(await page.inputValue('.fx-input'), 'x^2+y^2');
  assert.equal(await page.getAttribute('.fx-math[data-role=fx]', 'data-pretty'), '2x');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the playground keeps function and switches in the address without new history entries', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}playground`);
  await page.waitForSelector('.fx-input');
  const length = await page.evaluate(() => history.length);
  await page.fill('.fx-input', 'x*y + 1');
  await page.getByLabel('Gradient field').uncheck();
  await page.waitForFunction(() => /field=0/.test(location.search) && /f=x\*y%20%2B%201/.test(location.search));
  assert.match(page.url(), /\?v=1&/);
  assert.equal(await page.evaluate(() => history.length), length, 'replaced, not pushed');
  await page.reload();
  await page.waitForSelector('.fx-input');
  assert.equal(await page.inputValue('.fx-input'), 'x*y + 1');
  assert.equal(await page.getByLabel('Gradient field').isChecked(), false);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a lesson restores ?f= and the learner’s edits to its functions after a reload', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}lesson/gradient-vector?f=x*y`);
  await page.waitForSelector('.fx-input');
  assert.equal(await page.inputValue('.fx-input'), 'x*y');
  await page.fill('#gradient-vector-example', 'x^3 + y');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('gradient-vector-example') === 'x^3 + y');
  await page.reload();
  await page.waitForSelector('#gradient-vector-example');
  assert.equal(await page.inputValue('#gradient-vector-example'), 'x^3 + y');
  assert.equal(await page.inputValue('.fx-input'), 'x*y');
  assert.equal(await page.locator('[data-testid=address-notes]').count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a lesson's Embed snippet carries the lesson's own function and point", async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  // Lesson 4 starts its explorer on its own function and point, neither of which is the
  // explorer's default; the lesson's address is bare.
  await page.goto(`${site.origin}${BASE}lesson/gradient-vector`);
  const explorer = page.locator('section.explorer').first();
  await explorer.locator('.fx-point').waitFor();
  const f = await explorer.locator('.fx-input').inputValue();
  const point = await explorer.locator('.fx-point').innerText();
  await explorer.getByRole('button', { name: 'Embed' }).click();
  const code = await explorer.locator('[data-testid=embed-code]').inputValue();
  const src = new URL(code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(src.pathname, `${BASE}embed/explorer`);
  assert.ok(src.search.length > 0, code);
  // The embed, loaded on its own, shows what the lesson showed.
  await page.goto(src.href);
  // (The embed folds its readouts under the plot, so read them whether shown or not.)
  await page.locator('.fx-point').waitFor({ state: 'attached' });
  assert.equal(await page.locator('.fx-input').inputValue(), f);
  await page.waitForFunction(() => document.querySelector('.fx-point')?.textContent.trim().length > 0);
  assert.equal((await page.locator('.fx-point').textContent()).trim(), point.trim());
  assert.deepEqual(problems(), []);
  await context.close();
});

test("every widget with a function honours the instructor's hide=editor and lock=1", async () => {
  const withFunction = widgets.filter((w) => w.keys.includes('f'));
  assert.ok(withFunction.length >= 7, withFunction.map((w) => w.name).join(','));
  const failures = [];
  for (const w of withFunction) {
    const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
    const boxes = page.locator(`.embed[data-widget=${w.name}] .function-field input`);
    // Hidden: no function box at all.
    await page.goto(`${site.origin}${BASE}embed/${w.name}?hide=editor`);
    await page.locator(`.embed[data-widget=${w.name}] .embed-widget *`).first().waitFor();
    await page.waitForTimeout(300);
    const shown = await boxes.count();
    if (shown !== 0) failures.push(`${w.name}: hide=editor left ${shown} function box(es)`);
    // Locked: every function box is read-only, and typing changes nothing.
    await page.goto(`${site.origin}${BASE}embed/${w.name}?lock=1`);
    await page.locator(`.embed[data-widget=${w.name}] .embed-widget *`).first().waitFor();
    await page.waitForTimeout(300);
    for (let i = 0; i < (await boxes.count()); i++) {
      if (!(await boxes.nth(i).evaluate((el) => el.readOnly))) {
        failures.push(`${w.name}: lock=1 left function box ${i} editable`);
      }
    }
    // The Embed snippet made inside a locked embed stays locked.
    const src = await snippetSrc(page);
    if (src.searchParams.get('lock') !== '1') failures.push(`${w.name}: the snippet dropped lock=1 (${src})`);
    assert.deepEqual(problems(), [], w.name);
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test('an unknown widget name says so above the list of widgets', async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.phone);
  await page.goto(`${site.origin}${BASE}embed/no-such-widget`);
  const note = page.locator('[data-testid=unknown-widget]');
  await note.waitFor();
  assert.match(await note.textContent(), /no widget called “no-such-widget”/);
  assert.ok((await page.locator('.widget-list li').count()) >= 10);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px too wide`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a snippet's iframe height fits the widget: its declared height, or the embed page's own", async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, { width: 600, height: 450 });
  await page.goto(`${site.origin}${BASE}embed`);
  await page.waitForSelector('.widget-list li');
  const declared = await page.$$eval('.widget-list li', (lis) =>
    Object.fromEntries(lis.map((li) => [li.dataset.widget, Number(li.dataset.height)])),
  );
  const failures = [];
  for (const w of widgets) {
    await page.goto(`${site.origin}${BASE}embed/${w.name}`);
    await page.locator(`.embed[data-widget=${w.name}] .embed-widget *`).first().waitFor();
    await page.waitForTimeout(800);
    const measured = await page.evaluate(() => document.documentElement.scrollHeight);
    const ratio = declared[w.name] / measured;
    // Declared heights are measured the same way; fonts and late drawing move them a little.
    if (!(ratio > 0.7 && ratio < 1.4)) {
      failures.push(`${w.name}: declares ${declared[w.name]} px, its embed is ${measured} px tall`);
    }
    await page.getByRole('button', { name: 'Embed' }).first().click();
    const code = await page.locator('[data-testid=embed-code]').first().inputValue();
    const height = Number(code.match(/height="(\d+)"/)?.[1]);
    const now = await page.evaluate(() => document.documentElement.scrollHeight);
    // The snippet is made from the page's height before the snippet box itself opened.
    if (!(height >= 200 && height <= now)) failures.push(`${w.name}: snippet height ${height}, page ${now}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a lesson's snippet uses the widget's declared height", async () => {
  const { page, context, problems } = await watchedPage(site.browser, site.origin, VIEWPORTS.desktop);
  await page.goto(`${site.origin}${BASE}lesson/several-variables`);
  await page.getByRole('button', { name: 'Embed' }).first().click();
  const code = await page.locator('[data-testid=embed-code]').first().inputValue();
  const name = code.match(/embed\/([a-z-]+)/)?.[1];
  const height = Number(code.match(/height="(\d+)"/)?.[1]);
  await page.goto(`${site.origin}${BASE}embed`);
  await page.waitForSelector('.widget-list li');
  const declared = Number(await page.locator(`.widget-list li[data-widget=${name}]`).getAttribute('data-height'));
  assert.equal(height, declared, code);
  assert.notEqual(height, 560);
  assert.deepEqual(problems(), []);
  await context.close();
});
