/**
 * @module The real datasets of bench/lib/real-datasets.ts load through tdm's reader with the
 * shapes the catalogue states, typed as a person reading the files would type them. Every
 * expected number was checked by hand against the files with Python's csv/json modules (row and
 * column counts, nulls, sums, first rows).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSyntheticData, validateSyntheticQuality, type CellValue, type SampleTable } from '@tdm/core';
import {
  REAL_DATASETS,
  WIDE_COLUMNS,
  WIDE_ROWS,
  loadRealDataset,
  loadWideTable,
  realDataset,
} from '../bench/lib/real-datasets.js';

const S = 'string';
const I = 'integer';
const N = 'number';
const D = 'date';

/** Column name -> type, in file order. */
const TYPES: Record<string, Record<string, string>> = {
  'cps-wages-1985': {
    education: I,
    south: I,
    gender: S,
    experience: I,
    union: I,
    wage: N,
    age: I,
    race: S,
    occupation: S,
    sector: S,
    married: I,
  },
  birdstrikes: {
    'Airport Name': S,
    'Aircraft Make Model': S,
    'Effect Amount of damage': S,
    'Flight Date': D,
    'Aircraft Airline Operator': S,
    'Origin State': S,
    'Phase of flight': S,
    'Wildlife Size': S,
    'Wildlife Species': S,
    'Time of day': S,
    'Cost Other': I,
    'Cost Repair': I,
    'Cost Total $': I,
    'Speed IAS in knots': I,
  },
  movies: {
    Title: S,
    'US Gross': I,
    'Worldwide Gross': I,
    'US DVD Sales': I,
    'Production Budget': I,
    'Release Date': D,
    'MPAA Rating': S,
    'Running Time min': I,
    Distributor: S,
    Source: S,
    'Major Genre': S,
    'Creative Type': S,
    Director: S,
    'Rotten Tomatoes Rating': I,
    'IMDB Rating': N,
    'IMDB Votes': I,
  },
  olympians: {
    id: I,
    name: S,
    nationality: S,
    sex: S,
    date_of_birth: D,
    height: N,
    weight: I,
    sport: S,
    gold: I,
    silver: I,
    bronze: I,
    info: S,
  },
  'la-riots': {
    first_name: S,
    last_name: S,
    age: I,
    gender: S,
    race: S,
    death_date: D,
    address: S,
    neighborhood: S,
    type: S,
    longitude: N,
    latitude: N,
  },
  pizza: {
    order_date: 'timestamp',
    day_of_week: S,
    category: S,
    name: S,
    price: I,
    orders: I,
    revenue: I,
  },
  diamonds: { carat: N, cut: S, color: S, clarity: S, depth: N, table: N, price: I, x: N, y: N, z: N },
  penguins: {
    Species: S,
    Island: S,
    'Beak Length (mm)': N,
    'Beak Depth (mm)': N,
    'Flipper Length (mm)': I,
    'Body Mass (g)': I,
    Sex: S,
  },
  'seattle-weather': { date: D, precipitation: N, temp_max: N, temp_min: N, wind: N, weather: S },
};

const FIRST_ROWS: Record<string, CellValue[]> = {
  'cps-wages-1985': [8, 0, 'female', 21, 1, 5.1, 35, 'hispanic', 'other', 'manufacturing', 0],
  olympians: [736041664, 'A Jesus Garcia', 'ESP', 'male', '1969-10-17', 1.72, 64, 'athletics', 0, 0, 0, null],
  'la-riots': [
    'Cesar A.',
    'Aguilar',
    18,
    'Male',
    'Latino',
    '1992-04-30',
    '2009 W. 6th St.',
    'Westlake',
    'Officer-involved shooting',
    -118.2739756,
    34.0592814,
  ],
  pizza: ['2020-01-01T00:00:00.000Z', 'Wednesday', 'Classic', 'Pepperoni Pizza Small', 13, 16, 208],
  diamonds: [0.23, 'Ideal', 'E', 'SI2', 61.5, 55, 326, 3.95, 3.98, 2.43],
  'seattle-weather': ['2012-01-01', 0, 12.8, 5, 4.7, 'drizzle'],
};

const tables = new Map<string, SampleTable>();
async function table(name: string): Promise<SampleTable> {
  let t = tables.get(name);
  if (!t) tables.set(name, (t = await loadRealDataset(realDataset(name))));
  return t;
}
const column = (t: SampleTable, name: string): CellValue[] => {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `${t.name} has a column "${name}"`);
  return c.values;
};
const nulls = (values: CellValue[]): number => values.filter((v) => v === null).length;
const sum = (values: CellValue[]): number =>
  values.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
const count = (values: CellValue[], x: CellValue): number => values.filter((v) => v === x).length;

test('every catalogued dataset loads whole with its stated rows, columns and types', async () => {
  assert.deepEqual(Object.keys(TYPES).sort(), REAL_DATASETS.map((d) => d.name).sort());
  for (const d of REAL_DATASETS) {
    const t = await table(d.name);
    assert.equal(t.name, d.name);
    assert.equal(t.truncated, false, d.name);
    assert.equal(t.rows, d.rows, `${d.name} rows`);
    assert.equal(t.columns.length, d.columns, `${d.name} columns`);
    assert.deepEqual(Object.fromEntries(t.columns.map((c) => [c.name, c.type])), TYPES[d.name], d.name);
    for (const c of t.columns) assert.equal(c.values.length, d.rows, `${d.name}.${c.name} length`);
    for (const p of d.piiColumns ?? []) column(t, p.column);
  }
});

test('no column keeps a value of another type (every cell parsed as its column type)', async () => {
  const ok: Record<string, (v: CellValue) => boolean> = {
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v),
    number: (v) => typeof v === 'number' && Number.isFinite(v),
    date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    timestamp: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  };
  for (const d of REAL_DATASETS) {
    const t = await table(d.name);
    for (const c of t.columns) {
      const bad = c.values.filter((v) => v !== null && !ok[c.type]!(v));
      assert.deepEqual(bad.slice(0, 3), [], `${d.name}.${c.name} (${c.type})`);
    }
  }
});

test('first rows read as in the files', async () => {
  for (const [name, row] of Object.entries(FIRST_ROWS)) {
    const t = await table(name);
    assert.deepEqual(
      t.columns.map((c) => c.values[0]),
      row,
      name,
    );
  }
});

test('nulls, counts and sums match the files', async () => {
  const cps = await table('cps-wages-1985');
  assert.equal(count(column(cps, 'gender'), 'female'), 245);
  assert.equal(Math.round(sum(column(cps, 'wage')) * 100) / 100, 4818.85);
  assert.deepEqual([...new Set(column(cps, 'occupation'))].sort(), [
    'clerical',
    'management',
    'other',
    'professional',
    'sales',
    'service',
  ]);
  const birds = await table('birdstrikes');
  assert.equal(nulls(column(birds, 'Speed IAS in knots')), 2836);
  assert.equal(sum(column(birds, 'Cost Total $')), 40_545_276);
  const movies = await table('movies');
  assert.equal(nulls(column(movies, 'US DVD Sales')), 2637);
  assert.equal(nulls(column(movies, 'MPAA Rating')), 605);
  const olympians = await table('olympians');
  assert.equal(count(column(olympians, 'sex'), 'female'), 5205);
  assert.equal(nulls(column(olympians, 'height')), 330);
  assert.equal(sum(column(olympians, 'gold')), 666);
  assert.equal(new Set(column(olympians, 'id')).size, 11_538);
  const riots = await table('la-riots');
  assert.equal(nulls(column(riots, 'age')), 1);
  assert.equal(new Set(column(riots, 'first_name')).size, 63);
  assert.equal(sum(column(await table('pizza'), 'revenue')), 50_240_688);
  const diamonds = await table('diamonds');
  assert.equal(count(column(diamonds, 'cut'), 'Ideal'), 21_551);
  assert.equal(sum(column(diamonds, 'price')), 212_135_217);
  // 10 JSON nulls and one ".", a null token of the reader.
  assert.equal(nulls(column(await table('penguins'), 'Sex')), 11);
});

test('the 45,000 x 17 timing table repeats birdstrikes in order and adds three flight-date parts', async () => {
  const birds = await table('birdstrikes');
  const wide = await loadWideTable();
  assert.equal(wide.rows, WIDE_ROWS);
  assert.equal(wide.columns.length, WIDE_COLUMNS);
  for (const c of wide.columns) assert.equal(c.values.length, WIDE_ROWS, c.name);
  for (const r of [0, 9999, 10_000, 23_456, 44_999]) {
    assert.deepEqual(
      birds.columns.map((c, i) => wide.columns[i]!.values[r]),
      birds.columns.map((c) => c.values[r % birds.rows]),
      `row ${r}`,
    );
  }
  assert.deepEqual(
    wide.columns.slice(14).map((c) => [c.name, c.type]),
    [
      ['Flight Year', 'integer'],
      ['Flight Month', 'string'],
      ['Flight Weekday', 'string'],
    ],
  );
  // 1990-01-08 (the first row) was a Monday.
  assert.deepEqual(
    wide.columns.slice(14).map((c) => c.values[0]),
    [1990, 'jan', 'mon'],
  );
  assert.equal(new Set(column(wide, 'Flight Month')).size, 12);
  assert.equal(new Set(column(wide, 'Flight Weekday')).size, 7);
});

test('synthesis of the olympians (sequential) copies no real row and replays no name or birth date', async () => {
  const d = realDataset('olympians');
  const real = await table(d.name);
  const pii = (d.piiColumns ?? []).map((p) => ({ table: real.name, ...p }));
  const [data] = generateSyntheticData([real], { method: 'sequential', rows: 2000, seed: 7, pii });
  assert.ok(data);
  assert.equal(data.rows, 2000);
  const report = validateSyntheticQuality([real], [data], { pii, dcrSampleRows: 200 });
  assert.equal(report.tables[0]?.exactCopies.copies, 0);
  assert.deepEqual(
    report.pii.map((p) => [p.column, p.values, p.replayed]),
    [
      ['name', 2000, 0],
      ['date_of_birth', 2000, 0],
    ],
  );
  // The same check by hand: no synthetic name is any real athlete's.
  const names = new Set(column(real, 'name'));
  assert.equal(column(data, 'name').filter((v) => names.has(v)).length, 0);
});
