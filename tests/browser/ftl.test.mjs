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
