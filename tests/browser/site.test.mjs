// Browser checks of the built site in headless Chromium (playwright-core drives the
// machine's /usr/bin/chromium; nothing is downloaded). Run by `cargo test --test browser`
// (tests/browser.rs), or directly:
//   IRBOOK_BIN=target/debug/irbook node --test tests/browser/site.test.mjs
// Without Chromium the tests fail when $CI is set and skip otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium, launch } from './chromium.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = findChromium();
if (!chromiumPath && process.env.CI) {
  throw new Error('CI needs Chromium for the browser tests: apt-get install chromium (.ci/install-tools)');
}
const skip = chromiumPath ? false : 'no Chromium here (apt-get install chromium); skipped';

let out;
let browser;

function irbookBin() {
  if (process.env.IRBOOK_BIN) return process.env.IRBOOK_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  return join(target, 'debug', 'irbook');
}

function pages(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...pages(p));
    else if (name.endsWith('.html')) found.push(p);
  }
  return found.sort();
}

const url = (rel) => pathToFileURL(join(out, rel)).href;

before(async () => {
  if (skip) return;
  out = mkdtempSync(join(tmpdir(), 'irbook-browser-'));
  execFileSync(irbookBin(), ['build', repo, '-d', join(out, 'book'), '-q'], { stdio: 'inherit' });
  out = join(out, 'book');
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (out) rmSync(dirname(out), { recursive: true, force: true });
});

test('no page logs a console error or throws (CSP included)', { skip }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${page.url()}: failed to load ${r.url()}`));
  const all = pages(out);
  assert.ok(all.length >= 9, `only ${all.length} pages`);
  for (const file of all) {
    // The root chooser would go to a language page: stay with #languages.
    const rel = relative(out, file);
    await page.goto(url(rel) + (rel === 'index.html' ? '#languages' : ''));
    await page.waitForLoadState('load');
    // The stylesheet applied (a CSP block would leave the default white body).
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(font, /system-ui/, `${rel}: irbook.css not applied`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test('the event filter finds GetIndex', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(url('fr/events.html'));
  const input = page.locator('#event-filter');
  await input.waitFor({ state: 'visible' });
  const rows = page.locator('#event-index tbody tr');
  assert.equal(await rows.count(), 53);
  await input.fill('GetIndex');
  const visible = page.locator('#event-index tbody tr:visible');
  assert.equal(await visible.count(), 1);
  assert.equal(await visible.first().getAttribute('id'), 'event-GetIndex');
  // Its link leads to the row of the event table.
  await visible.first().locator('a').first().click();
  await page.waitForURL(/amazon-q\.html#event-indices-GetIndex$/);
  assert.ok(await page.locator('#event-indices-GetIndex').isVisible());
  // Case does not matter; nonsense says so.
  await page.goto(url('fr/events.html'));
  await page.locator('#event-filter').fill('deleteindex');
  assert.equal(await page.locator('#event-index tbody tr:visible').count(), 1);
  await page.locator('#event-filter').fill('NoSuchEvent');
  assert.equal(await page.locator('#event-index tbody tr:visible').count(), 0);
  assert.ok(await page.locator('#event-no-match').isVisible());
  await page.close();
});

test('the language switcher keeps the playbook', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(url('en/amazon-q.html'));
  await page.locator('.lang-nav a[hreflang="fr"]').click();
  await page.waitForURL(/\/fr\/amazon-q\.html$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.locator('.lang-nav a[hreflang="en"]').click();
  await page.waitForURL(/\/en\/amazon-q\.html$/);
  await page.close();
});

test('every page fits a 375 px phone without sideways scrolling', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  for (const file of pages(out)) {
    const rel = relative(out, file);
    await page.goto(url(rel) + (rel === 'index.html' ? '#languages' : ''));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${rel}: the page is ${width} px wide`);
  }
  await context.close();
});

test('without JavaScript: no filter box, every event listed', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('en/events.html'));
  assert.equal(await page.locator('#event-filter').isVisible(), false);
  assert.equal(await page.locator('#event-index tbody tr:visible').count(), 53);
  await context.close();
});

test('the root page goes to the browser language, unless asked to choose', { skip }, async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(url('index.html'));
  await page.waitForURL(/\/fr\/index\.html$/);
  await page.goto(url('index.html') + '#languages');
  await page.waitForTimeout(300);
  assert.match(page.url(), /\/index\.html#languages$/);
  assert.ok(!page.url().includes('/fr/'));
  await context.close();
});

test('copy buttons copy the name', { skip }, async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  await page.goto(url('en/events.html'));
  const button = page.locator('#event-GetIndex button.copy');
  assert.equal(await button.count(), 1);
  await button.click();
  await page.waitForFunction(() => document.querySelector('#event-GetIndex button.copy').textContent === 'Copied');
  await context.close();
});
