// Full-page screenshots of every kind of page at desktop and phone widths, to look at
// before calling a change to the theme done:
//   node tests/browser/screenshots.mjs BOOK_DIR OUT_DIR [--dark]
import { launch } from './chromium.mjs';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const [book, out, flag] = process.argv.slice(2);
if (!book || !out) {
  console.error('usage: node screenshots.mjs BOOK_DIR OUT_DIR [--dark]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const pages = {
  chooser: 'index.html#languages',
  'list-en': 'en/index.html',
  'playbook-en': 'en/amazon-q.html',
  'playbook-fr': 'fr/amazon-q.html',
  'events-fr': 'fr/events.html',
  'print-fr': 'fr/print.html',
};
const browser = await launch();
for (const [width, tag] of [[1280, 'desktop'], [375, 'phone']]) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: flag === '--dark' ? 'dark' : 'light',
  });
  const page = await context.newPage();
  for (const [name, rel] of Object.entries(pages)) {
    const [path, hash] = rel.split('#');
    const url = pathToFileURL(resolve(join(book, path))).href + (hash ? `#${hash}` : '');
    await page.goto(url);
    const file = join(out, `${name}-${tag}${flag === '--dark' ? '-dark' : ''}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await context.close();
}
await browser.close();
