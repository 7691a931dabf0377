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

// Issue 12: the responder's site on a phone, search, filter, switcher, theme.

const playbookPages = () => pages(out)
  .map((f) => relative(out, f))
  .filter((rel) => /^(en|fr)\/(?!index|events|print)[^/]+\.html$/.test(rel));

test('at 375 px nothing but code blocks scrolls sideways, en and fr', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const checked = playbookPages().concat(['en/events.html', 'fr/events.html', 'en/index.html', 'fr/index.html']);
  assert.ok(checked.filter((p) => p.startsWith('fr/')).length >= 2);
  for (const rel of checked) {
    await page.goto(url(rel));
    const scrollers = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => {
        const s = getComputedStyle(el);
        return /(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'PRE';
      })
      .map((el) => `${el.tagName}.${el.className}`));
    assert.deepEqual(scrollers, [], `${rel}: these scroll sideways`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${rel}: the page is ${width} px wide`);
  }
  await context.close();
});

test('at 375 px an event deep link shows the whole card under the sticky header', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(url('fr/amazon-q.html') + '#event-indices-DeleteIndex');
  await page.waitForTimeout(200);
  const card = await page.locator('#event-indices-DeleteIndex').boundingBox();
  const header = await page.locator('.site-header').boundingBox();
  assert.ok(header.y >= 0 && header.y + header.height <= card.y + 1, `header ${JSON.stringify(header)} covers card ${JSON.stringify(card)}`);
  assert.ok(card.x >= 0 && card.x + card.width <= 375, `card off-screen sideways: ${JSON.stringify(card)}`);
  assert.ok(card.y + card.height <= 740, `card runs off the bottom: ${JSON.stringify(card)}`);
  // Its description is on screen too.
  const desc = await page.locator('#event-indices-DeleteIndex .cell-description').boundingBox();
  assert.ok(desc.x + desc.width <= 375 && desc.y + desc.height <= 740);
  await context.close();
});

test('at 375 px the menu opens the navigation and the table of contents', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(url('en/amazon-q.html'));
  assert.equal(await page.locator('main .toc').isVisible(), false);
  assert.equal(await page.locator('.site-nav').isVisible(), false);
  await page.locator('#menu-toggle').click();
  assert.equal(await page.locator('#menu-toggle').getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('.site-nav').isVisible());
  const entry = page.locator('#site-menu .toc a[href="#containment"]');
  assert.ok(await entry.isVisible());
  await entry.click();
  await page.waitForURL(/#containment$/);
  assert.equal(await page.locator('.site-nav').isVisible(), false, 'the menu closes after a choice');
  await context.close();
  // Wide screens: no menu button, the contents beside the text.
  const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await wide.goto(url('en/amazon-q.html'));
  assert.equal(await wide.locator('#menu-toggle').isVisible(), false);
  assert.ok(await wide.locator('main .toc').isVisible());
  await wide.close();
});

async function searchFor(page, query) {
  await page.locator('#search-input').fill(query);
  await page.locator('#search-results a').first().waitFor({ state: 'visible' });
  return page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

test('French search: stems, event names as written and split, results link to sections', { skip }, async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url('fr/events.html'));
  // `/` focuses the box.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  // "supprimerons" is not in the text; the stemmer gives it the stem of "supprimé".
  const fr = await page.content();
  assert.ok(!/supprimerons/i.test(fr));
  const stemmed = await searchFor(page, 'supprimerons');
  assert.ok(stemmed.some((h) => /^amazon-q\.html#[a-z]/.test(h)), `no section among ${stemmed}`);
  assert.ok(stemmed.every((h) => /^[a-z0-9-]+\.html(#.+)?$/.test(h)), `${stemmed}`);
  for (const q of ['DeleteIndex', 'Delete Index', 'qbusiness:DeleteIndex', 'deleteindex']) {
    const hits = await searchFor(page, q);
    assert.equal(hits[0], 'amazon-q.html#event-indices-DeleteIndex', `${q}: ${hits}`);
  }
  const types = await searchFor(page, 'AWS::QBusiness::Index');
  assert.ok(types.includes('amazon-q.html#data-AWS-QBusiness-Index'), `${types}`);
  // A result leads to its section.
  await page.locator('#search-input').fill('DeleteIndex');
  await page.locator('#search-results a').first().click();
  await page.waitForURL(/amazon-q\.html#event-indices-DeleteIndex$/);
  // Nonsense finds nothing, and says so.
  await page.locator('#search-input').fill('zzqqxx');
  await page.locator('#search-results p').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#search-results a').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('English search finds a stemmed word and works on every page', { skip }, async () => {
  const page = await browser.newPage();
  for (const rel of ['en/index.html', 'en/amazon-q.html', 'en/events.html']) {
    await page.goto(url(rel));
    const hits = await searchFor(page, 'rotating');
    assert.ok(hits.some((h) => h.startsWith('amazon-q.html#')), `${rel}: ${hits}`);
  }
  await page.close();
});

test('the event filter matches actions, resource types, endpoints, services and keeps the query', { skip }, async () => {
  const page = await browser.newPage();
  const visible = () => page.locator('#event-index tbody tr:visible');
  await page.goto(url('en/events.html'));
  await page.locator('#event-filter').fill('qbusiness:DeleteIndex');
  assert.deepEqual(await visible().evaluateAll((rows) => rows.map((r) => r.id)), ['event-DeleteIndex']);
  assert.match(page.url(), /[?&]q=qbusiness%3ADeleteIndex/);
  await page.locator('#event-filter').fill('Delete Index');
  assert.ok((await visible().evaluateAll((rows) => rows.map((r) => r.id))).includes('event-DeleteIndex'));
  await page.locator('#event-filter').fill('AWS::QBusiness::Index');
  const typed = await visible().evaluateAll((rows) => rows.map((r) => r.id));
  assert.ok(typed.length >= 1 && typed.length < 53, `${typed}`);
  await page.locator('#event-filter').fill('q.amazonaws.com');
  const q = await visible().count();
  assert.ok(q >= 1, 'q.amazonaws.com finds nothing');
  await page.locator('#event-filter').fill('qbusiness');
  assert.ok((await visible().count()) > 1);
  // The query in the URL comes back on load.
  await page.goto(url('en/events.html') + '?q=AWS%3A%3AQBusiness%3A%3AIndex');
  assert.equal(await page.locator('#event-filter').inputValue(), 'AWS::QBusiness::Index');
  assert.equal(await visible().count(), typed.length);
  await page.close();
});

test('the language switcher keeps the anchor', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(url('en/amazon-q.html') + '#containment');
  await page.locator('.lang-nav a[hreflang="fr"]').click();
  await page.waitForURL(/\/fr\/amazon-q\.html#containment$/);
  await page.close();
});

test('the theme toggle cycles system, light, dark and is remembered', { skip }, async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(url('en/index.html'));
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.locator('#theme-toggle').click(); // light
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await page.locator('#theme-toggle').click(); // dark
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.notEqual(await bg(), light);
  await page.goto(url('fr/amazon-q.html'));
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'not remembered');
  assert.notEqual(await bg(), light);
  await page.locator('#theme-toggle').click(); // system again
  assert.equal(await page.getAttribute('html', 'data-theme'), null);
  assert.equal(await bg(), light);
  await context.close();
});

test('each event group offers its ready queries, copyable, linked to the detection files', { skip }, async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  await page.goto(url('fr/amazon-q.html') + '#group-indices');
  const block = page.locator('#group-indices details.queries');
  assert.equal(await block.count(), 1);
  assert.equal(await block.locator('pre').first().isVisible(), false, 'folded at first');
  await block.locator('summary').click();
  // Amazon Security Lake first (where new AWS customers query CloudTrail), then Athena.
  const lake = await block.locator('pre code').first().textContent();
  assert.match(lake, /api\.operation IN \(/);
  assert.match(lake, /-- group: indices /);
  const athena = await block.locator('pre code').nth(1).textContent();
  assert.match(athena, /eventname IN \(/);
  for (const q of [lake, athena]) {
    assert.match(q, /'DeleteIndex'/);
    assert.ok(!/'DeleteApplication'/.test(q), 'the query holds only the group\'s events');
  }
  for (const href of await block.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.ok(existsSync(join(out, 'fr', href)), `missing ${href}`);
  }
  await block.locator('button.copy').first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied.trim(), lake.trim());
  // Each event name: a copy button and CloudTrail's event history filtered on it.
  const row = page.locator('#event-indices-DeleteIndex');
  assert.equal(await row.locator('button.copy').count(), 1);
  assert.match(await row.locator('a.console-link').getAttribute('href'), /^https:\/\/console\.aws\.amazon\.com\/cloudtrailv2\/home#\/events\?EventName=DeleteIndex$/);
  await context.close();
});
