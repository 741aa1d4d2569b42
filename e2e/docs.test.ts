/** @module The committed field-type reference matches the generator registry. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderGeneratorDocs } from '../scripts/docs.js';

test('docs/generators.md is up to date (run `npm run docs` after changing a generator)', () => {
  const committed = readFileSync(new URL('../docs/generators.md', import.meta.url), 'utf8');
  assert.equal(committed, renderGeneratorDocs());
});
