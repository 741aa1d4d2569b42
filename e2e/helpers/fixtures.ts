/**
 * @module Schemas written to break writers: strings with every character that needs escaping
 * somewhere, a reference cycle broken by a nullable side, and names that are reserved words or
 * not valid XML names. Shared by the format round trips and the database loads.
 */
import { parseSchema, type SchemaDoc } from '@tdm/core';

/** Strings that need quoting or escaping in at least one format. */
export const HOSTILE_STRINGS: readonly string[] = [
  'plain',
  '',
  'double " quote',
  "single ' quote",
  "'); DROP TABLE hostile; --",
  'comma, separated',
  'semi; colon -- dash',
  'new\nline',
  'cr\r\nlf',
  'lone\rcr',
  'tab\there',
  '<tag attr="x">&amp;</tag>',
  ']]> end of cdata',
  'back\\slash \\n not a newline',
  '\\N',
  '\\.',
  'NULL',
  'emoji 😀🎉 family 👨‍👩‍👧',
  'ünïcödé 日本語 العربية',
  '  padded  ',
  'control \u0001\u0007\u001f chars',
  'nul \u0000 inside',
  '`back`tick` $$dollar$$ %s ? :name',
];

/** Every string in a string column, in several tables of one schema, through enum and template. */
export const hostileSchema: SchemaDoc = parseSchema({
  name: 'hostile',
  seed: 7,
  entities: {
    hostile: {
      // As many rows as strings and `text` unique: every string appears exactly once.
      count: HOSTILE_STRINGS.length,
      fields: {
        id: { type: 'sequence', start: 1, primaryKey: true },
        text: { type: 'enum', values: [...HOSTILE_STRINGS], unique: true },
        quoted: { type: 'template', template: 'say "{text}" & <{id}> \\ \'ok\'' },
        maybe: { type: 'enum', values: [...HOSTILE_STRINGS], nullRate: 0.3 },
        amount: { type: 'decimal', min: -1000, max: 1000, scale: 3 },
        flag: { type: 'boolean' },
        day: { type: 'date', min: '1970-01-01', max: '2030-12-31' },
        at: { type: 'timestamp', min: '1999-12-31T23:59:59Z', max: '2030-01-01T00:00:00Z', precision: 'ms' },
        clock: { type: 'time', min: '00:00', max: '23:59:59' },
      },
    },
    // Hostile values as keys and references too.
    labels: {
      count: HOSTILE_STRINGS.length,
      fields: {
        label: { type: 'enum', values: [...HOSTILE_STRINGS], unique: true, primaryKey: true },
        hostile_id: { ref: 'hostile.id' },
      },
    },
  },
});

/** departments.manager_id -> employees -> departments: the nullable side closes the cycle. */
export const cycleSchema: SchemaDoc = parseSchema({
  name: 'cycle',
  seed: 11,
  entities: {
    departments: {
      count: 6,
      fields: {
        id: { type: 'sequence', start: 1, primaryKey: true },
        name: { type: 'enum', values: ['Sales', 'R&D', 'Ops', 'HR', 'Legal', 'IT'], unique: true },
        manager_id: { ref: 'employees.id', nullRate: 0.2 },
      },
    },
    employees: {
      count: 40,
      fields: {
        id: { type: 'uuid', primaryKey: true },
        department_id: { ref: 'departments.id' },
        mentor_id: { ref: 'employees.id', nullRate: 0.5 },
        name: { type: 'person.fullName' },
      },
    },
  },
});

/** Tables and columns named with SQL reserved words and characters that need quoting. */
export const reservedSchema: SchemaDoc = parseSchema({
  name: 'reserved',
  seed: 3,
  entities: {
    user: {
      count: 10,
      fields: {
        select: { type: 'sequence', start: 1, primaryKey: true },
        group: { type: 'enum', values: ['a', 'b'] },
        'from where': { type: 'person.firstName' },
        'we"ird`name': { type: 'integer', min: 0, max: 9 },
        '1st:value': { type: 'boolean' },
      },
    },
    order: {
      count: 30,
      primaryKey: ['table', 'index'],
      fields: {
        table: { ref: 'user.select' },
        index: { type: 'integer', min: 1, max: 1000 },
        desc: { type: 'enum', values: ['x', 'y', 'z'] },
        key: { type: 'uuid', unique: true },
        limit: { type: 'decimal', min: 0, max: 10 },
      },
    },
    group: {
      count: 20,
      unique: [['order', 'check']],
      fields: {
        id: { type: 'sequence', start: 1, primaryKey: true },
        order: { ref: 'order.key' },
        check: { type: 'integer', min: 1, max: 3 },
        default: { type: 'timestamp', min: '2020-01-01', max: '2021-01-01' },
      },
    },
  },
});

/** The fixtures by name, for tests that run every one. */
export const fixtureSchemas: readonly { name: string; doc: SchemaDoc }[] = [
  { name: 'hostile', doc: hostileSchema },
  { name: 'cycle', doc: cycleSchema },
  { name: 'reserved', doc: reservedSchema },
];
