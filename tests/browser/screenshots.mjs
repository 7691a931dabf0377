// Screenshots to look at before calling a change to the theme done:
//   node tests/browser/screenshots.mjs BOOK_DIR OUT_DIR [--dark]
// Full pages of every kind of page at desktop and phone widths, plus what a responder sees
// first on the pages that matter mid-incident (viewport only, en and fr): the top of the
// Amazon Q playbook, an event deep link, the events index filtered, the search results.
import { launch } from './chromium.mjs';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const [book, out, flag] = process.argv.slice(2);
if (!book || !out) {
  console.error('usage: node screenshots.mjs BOOK_DIR OUT_DIR [--dark]');
  process.exit(2);
}
const dark = flag === '--dark';
mkdirSync(out, { recursive: true });
const pages = {
  chooser: 'index.html#languages',
  'list-en': 'en/index.html',
  'playbook-en': 'en/amazon-q.html',
  'playbook-fr': 'fr/amazon-q.html',
  'events-fr': 'fr/events.html',
  'print-fr': 'fr/print.html',
};
// [name, page, what to do once loaded]
const views = [];
for (const lang of ['en', 'fr']) {
  views.push(
    [`top-${lang}`, `${lang}/amazon-q.html`, null],
    [`deeplink-${lang}`, `${lang}/amazon-q.html#event-indices-DeleteIndex`, null],
    [`events-${lang}`, `${lang}/events.html?q=qbusiness:Delete`, null],
    [`search-${lang}`, `${lang}/amazon-q.html`, lang === 'fr' ? 'supprimerons' : 'DeleteIndex'],
  );
}
const url = (rel) => {
  const [path, hash] = rel.split('#');
  const [file, query] = path.split('?');
  return pathToFileURL(resolve(join(book, file))).href + (query ? `?${query}` : '') + (hash ? `#${hash}` : '');
};
const browser = await launch();
for (const [width, tag] of [[1280, 'desktop'], [375, 'phone']]) {
  const context = await browser.newContext({
    viewport: { width, height: width > 700 ? 800 : 740 },
    colorScheme: dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const suffix = `${tag}${dark ? '-dark' : ''}.png`;
  for (const [name, rel] of Object.entries(pages)) {
    await page.goto(url(rel));
    const file = join(out, `${name}-${suffix}`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  for (const [name, rel, query] of views) {
    await page.goto(url(rel));
    if (query) {
      await page.locator('#search-input:not([disabled])').fill(query);
      await page.locator('#search-results:not([hidden]) a').first().waitFor();
    }
    const file = join(out, `view-${name}-${suffix}`);
    await page.screenshot({ path: file });
    console.log(file);
  }
  await context.close();
}
await browser.close();
