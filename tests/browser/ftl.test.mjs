// Every Fluent file of the shipped book parses with Fluent's reference parser
// (@fluent/syntax, the JavaScript implementation the specification is tested with),
// with no Junk entry: what `irbook check` reads, any Fluent tool reads the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FluentParser } from '@fluent/syntax';

const root = join(import.meta.dirname, '..', '..', 'locales');

function ftlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ftlFiles(path);
    return name.endsWith('.ftl') ? [path] : [];
  });
}

test('every .ftl file parses with no junk', () => {
  const files = ftlFiles(root);
  assert.ok(files.length >= 3, `found ${files.length} files`);
  const parser = new FluentParser({ withSpans: true });
  for (const file of files) {
    const resource = parser.parse(readFileSync(file, 'utf8'));
    const junk = resource.body.filter((entry) => entry.type === 'Junk');
    assert.deepEqual(
      junk.map((j) => j.annotations.map((a) => a.message).join('; ')),
      [],
      `${file} has junk`,
    );
    assert.ok(resource.body.some((e) => e.type === 'Message'), `${file} has no message`);
  }
});

// French typography (docs/french-style.md): a narrow no-break space (U+202F) before
// `:` `;` `!` `?` and inside « », never a plain space that lets the line break before the
// sign. Only the translated text is checked: comments (the English source), code spans and
// placeables are not French prose.
test('French values put a narrow no-break space before : ; ! ? and inside « »', () => {
  const parser = new FluentParser();
  const slips = [];
  for (const file of ftlFiles(join(root, 'fr'))) {
    for (const entry of parser.parse(readFileSync(file, 'utf8')).body) {
      if (entry.type !== 'Message' && entry.type !== 'Term') continue;
      const patterns = [entry.value, ...(entry.attributes ?? []).map((a) => a.value)];
      for (const text of patterns.filter(Boolean).flatMap(textOf)) {
        const prose = text.split('`').filter((_, i) => i % 2 === 0).join(' ');
        for (const m of prose.matchAll(/[ \u00a0][:;!?](?=\s|$)|«[ \u00a0]|[ \u00a0]»|[^\s\u202f][;!?«]|«[^\u202f]|[^\u202f]»/gu)) {
          slips.push(`${file} ${entry.id.name}: …${prose.slice(Math.max(0, m.index - 15), m.index + 5)}…`);
        }
      }
    }
  }
  assert.deepEqual(slips, []);
});

// Every text element of a pattern, select expressions' variants included.
function textOf(pattern) {
  return pattern.elements.flatMap((el) => {
    if (el.type === 'TextElement') return [el.value];
    if (el.expression?.type === 'SelectExpression') {
      return el.expression.variants.flatMap((v) => textOf(v.value));
    }
    return [];
  });
}
