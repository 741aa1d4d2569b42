/** @module XML writer: names made valid, text escaped, illegal characters replaced, null as xsi:nil. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ColumnSpec, TablePlan } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { xmlFormat } from './xml.js';
import { xmlName, xmlNames } from './xml-names.js';
import { xmlText } from './xml-text.js';

test('xmlName keeps valid names and repairs the rest deterministically', () => {
  assert.equal(xmlName('first_name'), 'first_name');
  assert.equal(xmlName('naïve-Straße.2'), 'naïve-Straße.2');
  assert.equal(xmlName('from where'), 'from_where');
  assert.equal(xmlName('1st'), '_1st');
  assert.equal(xmlName('-x'), '_-x');
  assert.equal(xmlName('a:b'), 'a_b');
  assert.equal(xmlName('we"ird`name'), 'we_ird_name');
  assert.equal(xmlName(''), '_');
  assert.equal(xmlName('emoji😀'), 'emoji_');
  assert.equal(xmlName('<tag>&'), '_tag__');
});

test('xmlNames makes colliding names distinct in column order', () => {
  assert.deepEqual(xmlNames(['a b', 'a_b', 'a?b', 'a_b_2']), ['a_b', 'a_b_2', 'a_b_3', 'a_b_2_2']);
});

test('xmlText escapes markup and quotes, keeps CR, replaces what XML 1.0 cannot carry', () => {
  assert.equal(xmlText('plain text ✓'), 'plain text ✓');
  assert.equal(xmlText(`a & b < c > d " e ' f`), 'a &amp; b &lt; c &gt; d &quot; e &apos; f');
  assert.equal(xmlText(']]>'), ']]&gt;');
  assert.equal(xmlText('cr\r\nlf\ttab'), 'cr&#13;\nlf\ttab');
  assert.equal(xmlText('nul\u0000bel\u0007esc\u001b'), 'nul\uFFFDbel\uFFFDesc\uFFFD');
  assert.equal(xmlText('emoji 😀 ok'), 'emoji 😀 ok');
  assert.equal(
    xmlText('lone \ud800 high, lone \udc00 low, \uFFFE\uFFFF'),
    'lone \uFFFD high, lone \uFFFD low, \uFFFD\uFFFD',
  );
  assert.equal(xmlText('pair at end \ud83d'), 'pair at end \uFFFD');
});

const columns: ColumnSpec[] = [
  { name: 'id', kind: 'integer', nullable: false },
  { name: 'from where', kind: 'string', nullable: true },
  { name: 'from_where', kind: 'string', nullable: true },
  { name: 'price', kind: 'decimal', scale: 2, nullable: false },
  { name: 'doc', kind: 'json', nullable: true },
  { name: 'at', kind: 'timestamp', nullable: true },
];

function plan(rowCount: number, xml = { element: 'my items', row: 'item' }): TablePlan {
  return { name: 'items', rowCount, columns, primaryKey: [], uniques: [], foreignKeys: [], xml };
}

function documentOf(rows: Value[][]): string {
  const p = plan(rows.length);
  const enc = xmlFormat.encoder(p, {}, [p]);
  return enc.header() + rows.map((r, i) => enc.row(r, i)).join('') + enc.footer();
}

test('a document is well-formed and reads back, null as xsi:nil and empty strings as empty', () => {
  const rows: Value[][] = [
    [1, 'x < y & "z"\r\n', '', 5, { a: '<b>' }, Date.UTC(2020, 0, 1)],
    [2, null, '\u0001', 0.5, null, null],
  ];
  const text = documentOf(rows);
  assert.equal(XMLValidator.validate(text), true);
  assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<my_items xmlns:xsi='));
  const parsed = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (_n: string, jpath: unknown) => jpath === 'my_items.item',
  }).parse(text) as { my_items: { item: Record<string, unknown>[] } };
  const nil = { '@_xsi:nil': 'true' };
  assert.deepEqual(parsed.my_items.item, [
    {
      id: '1',
      from_where: 'x < y & "z"\r\n',
      from_where_2: '',
      price: '5.00',
      doc: '{"a":"<b>"}',
      at: '2020-01-01T00:00:00Z',
    },
    { id: '2', from_where: nil, from_where_2: '\uFFFD', price: '0.50', doc: nil, at: nil },
  ]);
});

test('a table with no rows is a valid document with an empty root', () => {
  const text = documentOf([]);
  assert.equal(XMLValidator.validate(text), true);
  assert.match(text, /<my_items xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance">\n<\/my_items>\n$/);
});
