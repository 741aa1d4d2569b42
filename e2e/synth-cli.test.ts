/**
 * @module The sample-learning commands end to end as real processes (e2e/helpers/tdm-dev.ts), on
 * public data (vega-datasets' penguins and cars) and on a two-table sample with personal data
 * written here: profile emits a schema that validates, detect-pii finds the email column without
 * printing it, mask keeps emails valid, changed and joinable, synthesize writes readable files
 * with the asked row counts and no real email, compare scores in [0, 1], bad flags exit 2.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { isEmail, loadSample, openDataset, type CellValue, type SampleTable } from '@tdm/core';
import { withPostgresDatabase } from './helpers/databases.js';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function tdm(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'e2e/helpers/tdm-dev.ts', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

const vega = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
const penguins = join(vega, 'penguins.json');
const SECRET = 'e2e-secret-5f1c0a9b7d3e';

let dir: string;
let sample: string;

/** A small deterministic generator, so the sample is the same in every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const FIRST = ['Ana', 'Bruno', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Silva', 'Meyer', "O'Neil", 'Nguyen', 'Kowalski', 'Haddad', 'Smith', 'Rossi'];
const SEGMENTS = ['retail', 'retail', 'retail', 'wholesale', 'online'];

/** customers (with name, email, phone, zip) and orders referencing them by id and by email. */
function writeSample(root: string): Promise<void[]> {
  const rnd = lcg(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const customers: string[] = ['id,first_name,last_name,email,phone,zip,segment,signup,income'];
  const emails: string[] = [];
  for (let i = 1; i <= 200; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first.toLowerCase().replace('é', 'e')}.${last.toLowerCase().replace("'", '')}${i}@example.org`;
    emails.push(email);
    const segment = pick(SEGMENTS);
    const income = Math.round((segment === 'wholesale' ? 90000 : 40000) * (0.5 + rnd()) * 100) / 100;
    const zip = String(Math.floor(rnd() * 99999)).padStart(5, '0');
    const phone = `+1 415-555-${String(1000 + i).padStart(4, '0')}`;
    const signup = `2023-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    customers.push(`${i},${first},"${last}",${email},${phone},${zip},${segment},${signup},${income}`);
  }
  const orders: string[] = ['id,customer_id,customer_email,amount,status'];
  let id = 1;
  for (let c = 1; c <= 200; c++) {
    const n = Math.floor(rnd() * 6);
    for (let k = 0; k < n; k++) {
      const amount = Math.round(rnd() * 50000) / 100;
      orders.push(`${id++},${c},${emails[c - 1]},${amount},${pick(['paid', 'paid', 'shipped', 'refunded'])}`);
    }
  }
  return Promise.all([
    writeFile(join(root, 'customers.csv'), customers.join('\n') + '\n'),
    writeFile(join(root, 'orders.csv'), orders.join('\n') + '\n'),
  ]);
}

async function tablesOf(path: string): Promise<Map<string, SampleTable>> {
  const tables = await loadSample(await openDataset([path]));
  return new Map(tables.map((t) => [t.name, t]));
}

const column = (t: SampleTable | undefined, name: string): CellValue[] => {
  const c = t?.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name} in ${t?.name}`);
  return c.values;
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-synth-e2e-'));
  sample = join(dir, 'sample');
  await rm(sample, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(sample));
  await writeSample(sample);
  await writeFile(join(dir, 'secret'), SECRET + '\n');
  await writeFile(
    join(dir, 'rules.yaml'),
    [
      'tables:',
      '  customers:',
      '    email: pseudonymize',
      '    first_name: { method: anonymize, kind: first_name }',
      '    last_name: { method: anonymize, kind: last_name }',
      '    phone: { method: redact, keepLast: 2 }',
      '    zip: { method: generalize, truncate: 3 }',
      '  orders:',
      '    customer_email: pseudonymize',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('profile: text, patterns as JSON, and a DSL schema that validates and holds no real email', async () => {
  const r = await tdm(['profile', sample]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^customers: 200 rows, 9 columns; candidate keys: .*\bid\b/m);
  assert.match(r.out, /relationship: orders\.customer_id -> customers\.id/);
  assert.match(r.out, /email .*\[PII: email\]/);
  const json = await tdm(['profile', sample, '--output', 'json']);
  assert.equal(json.code, 0, json.err);
  const patterns = JSON.parse(json.out);
  const zip = patterns.tables[0].columns.find((c: { name: string }) => c.name === 'zip');
  assert.equal(zip.type, 'string', 'leading-zero codes stay strings');
  assert.ok(
    patterns.foreignKeys.some(
      (f: { from: { table: string; column: string }; to: { table: string } }) =>
        f.from.table === 'orders' && f.from.column === 'customer_id' && f.to.table === 'customers',
    ),
  );
  const schema = join(dir, 'sample-schema.yaml');
  const y = await tdm(['profile', sample, '--output', 'yaml-schema', '--out', schema]);
  assert.equal(y.code, 0, y.err);
  const text = await readFile(schema, 'utf8');
  assert.ok(!text.includes('@example.org'), 'no real email in the schema');
  const v = await tdm(['validate', schema]);
  assert.equal(v.code, 0, v.out + v.err);
  const pschema = join(dir, 'penguins.yaml');
  const p = await tdm(['profile', penguins, '--schema-out', pschema]);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /^penguins: 344 rows, 7 columns/);
  const pv = await tdm(['validate', pschema]);
  assert.equal(pv.code, 0, pv.out + pv.err);
});

test('detect-pii finds the email, name and phone columns and never prints a value', async () => {
  const r = await tdm(['detect-pii', sample, '--output', 'json']);
  assert.equal(r.code, 0, r.err);
  const findings = JSON.parse(r.out) as { table: string; column: string; kind: string; confidence: number }[];
  const email = findings.find((f) => f.table === 'customers' && f.column === 'email');
  assert.equal(email?.kind, 'email');
  assert.ok(email.confidence >= 0.9 && email.confidence <= 1);
  assert.ok(findings.some((f) => f.table === 'orders' && f.column === 'customer_email'));
  assert.ok(findings.some((f) => f.column === 'phone'));
  const text = await tdm(['detect-pii', sample]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /customers\.email +email +1\.00/);
  assert.ok(!/@example\.org/.test(r.out + text.out), 'no raw email printed');
});

test('mask by rules: emails stay valid, all change, joins survive, same output every run', async () => {
  const out = join(dir, 'masked');
  const r = await tdm([
    'mask',
    sample,
    '--rules',
    join(dir, 'rules.yaml'),
    '--out',
    out,
    '--secret-file',
    join(dir, 'secret'),
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^masked \d+ rows into /);
  assert.match(r.out, /customers\.email: pseudonymize, 200 of 200 rows changed/);
  assert.ok(!(r.out + r.err).includes(SECRET), 'the secret is never printed');
  const real = await tablesOf(sample);
  const masked = await tablesOf(out);
  const realEmails = column(real.get('customers'), 'email');
  const emails = column(masked.get('customers'), 'email');
  assert.equal(emails.length, 200);
  emails.forEach((e, i) => {
    assert.ok(typeof e === 'string' && isEmail(e), `valid email: ${String(e)}`);
    assert.notEqual(e, realEmails[i]);
  });
  assert.equal(new Set(emails).size, 200, 'unique stays unique');
  // Orders point at the same customers through the pseudonymized emails.
  const byId = new Map(column(masked.get('customers'), 'id').map((id, i) => [id, emails[i]]));
  const orderCustomer = column(masked.get('orders'), 'customer_id');
  column(masked.get('orders'), 'customer_email').forEach((e, i) =>
    assert.equal(e, byId.get(orderCustomer[i]!)),
  );
  assert.ok(
    column(masked.get('customers'), 'phone').every(
      (p) => typeof p === 'string' && /^[^0-9]*(\*[^0-9]*)+\d\d$/.test(p),
    ),
  );
  assert.ok(column(masked.get('customers'), 'zip').every((z) => typeof z === 'string' && z.endsWith('**')));
  const again = join(dir, 'masked-again');
  const r2 = await tdm(['mask', sample, '--rules', join(dir, 'rules.yaml'), '--out', again], {
    TDM_PSEUDONYM_SECRET: SECRET,
  });
  assert.equal(r2.code, 0, r2.err);
  assert.deepEqual(column((await tablesOf(again)).get('customers'), 'email'), emails);
  // The report scores masked data too: no real email replayed, emails changed in every row.
  const c = await tdm(['compare', sample, out, '--masked', '--output', 'json']);
  assert.equal(c.code, 0, c.err);
  const rep = JSON.parse(c.out);
  assert.equal(rep.kind, 'masked');
  const replay = rep.pii.find(
    (p: { table: string; column: string }) => p.table === 'customers' && p.column === 'email',
  );
  assert.equal(replay.replayed, 0);
});

test('mask --auto writes parquet; pseudonymizing without a secret is a usage error', async () => {
  const out = join(dir, 'masked-auto');
  const r = await tdm(
    ['mask', sample, '--auto', '--out', out, '--format', 'parquet', '--rules-out', join(dir, 'auto.json')],
    {
      TDM_PSEUDONYM_SECRET: SECRET,
    },
  );
  assert.equal(r.code, 0, r.err);
  const masked = await tablesOf(out);
  assert.equal(masked.get('customers')?.rows, 200);
  const realEmails = new Set(column((await tablesOf(sample)).get('customers'), 'email'));
  assert.ok(column(masked.get('customers'), 'email').every((e) => !realEmails.has(e)));
  const rules = JSON.parse(await readFile(join(dir, 'auto.json'), 'utf8'));
  assert.ok(rules.tables.customers.email);
  const noSecret = await tdm(['mask', sample, '--rules', join(dir, 'rules.yaml'), '--out', join(dir, 'x')], {
    TDM_PSEUDONYM_SECRET: '',
  });
  assert.equal(noSecret.code, 2);
  assert.match(noSecret.err, /^tdm: PRIVACY_SECRET_MISSING: .*customers\.email/);
  assert.match(noSecret.err, /fix: .*--secret-file/);
});

test('synthesize a two-table sample: row counts, readable files, joins, no real email', async () => {
  const out = join(dir, 'synthetic');
  const report = join(dir, 'synthetic-report.html');
  const r = await tdm([
    'synthesize',
    sample,
    '--rows',
    'customers=300',
    '--rows',
    'orders=900',
    '--out',
    out,
    '--format',
    'ndjson',
    '--seed',
    '7',
    '--report',
    report,
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^synthesized \d+ rows into /);
  // The relationship is detected from the sample, and the emails are generated, not learned.
  assert.match(r.out, /relationships kept: orders\.customer_id -> customers\.id/);
  assert.match(r.out, /generated, not learned \(PII\): .*customers\.email \(email\)/);
  const syn = await tablesOf(out);
  assert.equal(syn.get('customers')?.rows, 300);
  assert.ok((syn.get('orders')?.rows ?? 0) > 0);
  const ids = new Set(column(syn.get('customers'), 'id'));
  assert.ok(
    column(syn.get('orders'), 'customer_id').every((id) => ids.has(id)),
    'every order has its customer',
  );
  const realEmails = new Set(column((await tablesOf(sample)).get('customers'), 'email'));
  assert.ok(
    column(syn.get('customers'), 'email').every((e) => !realEmails.has(e)),
    'no real email replayed',
  );
  assert.match(await readFile(report, 'utf8'), /^<!doctype html>/);
});

test('synthesize --format sql loads into PostgreSQL with its primary and foreign keys', async () => {
  const out = join(dir, 'synthetic-sql');
  const r = await tdm([
    'synthesize',
    sample,
    '--rows',
    'customers=50',
    '--out',
    out,
    '--format',
    'sql',
    '--foreign-key',
    'orders.customer_id=customers.id',
  ]);
  assert.equal(r.code, 0, r.err);
  const schema = await readFile(join(out, 'schema.sql'), 'utf8');
  const data = await readFile(join(out, 'data.sql'), 'utf8');
  await withPostgresDatabase(async (client) => {
    await client.query(schema);
    await client.query(data);
    const counts = await client.query(
      'SELECT (SELECT count(*) FROM customers)::int AS c, (SELECT count(*) FROM orders)::int AS o',
    );
    assert.equal(counts.rows[0].c, 50);
    assert.ok(counts.rows[0].o > 0);
    const fk = await client.query(
      "SELECT count(*)::int AS n FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY' AND table_name = 'orders'",
    );
    assert.equal(fk.rows[0].n, 1);
  });
});

test('synthesize public data to parquet, then compare: scores in [0, 1], html, target exit 1', async () => {
  const out = join(dir, 'penguins-syn');
  const r = await tdm([
    'synthesize',
    penguins,
    '--rows',
    '500',
    '--out',
    out,
    '--format',
    'parquet',
    '--output',
    'json',
  ]);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out);
  assert.equal(result.files[0].rows, 500);
  assert.equal((await tablesOf(out)).get('penguins')?.rows, 500);
  const c = await tdm(['compare', penguins, out, '--output', 'json']);
  assert.equal(c.code, 0, c.err);
  const rep = JSON.parse(c.out);
  for (const k of ['score', 'columnShapes', 'pairTrends', 'exactCopyRate'] as const) {
    assert.ok(rep[k] >= 0 && rep[k] <= 1, `${k} = ${rep[k]}`);
  }
  assert.ok(rep.score > 0.7, `score ${rep.score}`);
  const html = join(dir, 'penguins.html');
  const h = await tdm(['compare', penguins, out, '--output', 'html', '--out', html]);
  assert.equal(h.code, 0, h.err);
  assert.match(await readFile(html, 'utf8'), /^<!doctype html>/);
  const missed = await tdm(['compare', penguins, out, '--statistical-accuracy', '1']);
  assert.equal(missed.code, 1, missed.err);
  assert.match(missed.out, /target 1 MISSED/);
});

test('bad flags exit 2 with one coded line; unreadable input exits 3', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['synthesize', penguins, '--rows', 'lots', '--out', join(dir, 'x')],
      /^tdm: INPUT_INVALID: --rows: "lots"/,
    ],
    [
      ['synthesize', penguins, '--method', 'magic', '--out', join(dir, 'x')],
      /^tdm: INPUT_INVALID: --method: "magic" is not one of sequential, copula, independent/,
    ],
    [['synthesize', penguins], /^tdm: INPUT_INVALID: required option '-o, --out <dir>'/],
    [
      ['synthesize', penguins, '--out', join(dir, 'x'), '--holdout', '0.2'],
      /^tdm: INPUT_INVALID: --holdout applies with --report only/,
    ],
    [
      ['mask', sample, '--auto', '--out', join(dir, 'x'), '--dialect', 'mysql'],
      /^tdm: INPUT_INVALID: --dialect applies to --format sql, not csv/,
    ],
    [
      ['synthesize', penguins, '--rows', '10', '--rows', 'penguins=5', '--out', join(dir, 'x')],
      /^tdm: INPUT_INVALID: --rows: give one count/,
    ],
    [['compare', penguins, penguins, '--output', 'xml'], /^tdm: INPUT_INVALID: --output: "xml"/],
    [
      ['compare', penguins, penguins, '--quasi-identifiers', 'penguins'],
      /^tdm: INPUT_INVALID: --quasi-identifiers/,
    ],
    [['detect-pii', penguins, '--min-confidence', '2'], /^tdm: INPUT_INVALID: --min-confidence: "2"/],
    [['mask', sample, '--out', join(dir, 'x')], /^tdm: INPUT_INVALID: give either --rules <file> or --auto/],
    [
      ['mask', sample, '--auto', '--out', join(dir, 'x'), '--format', 'xml'],
      /^tdm: INPUT_INVALID: --format: "xml"/,
    ],
    [['profile', penguins, '--output', 'pdf'], /^tdm: INPUT_INVALID: --output: "pdf"/],
  ];
  for (const [args, message] of cases) {
    const r = await tdm(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
    assert.ok(!r.err.includes('    at '), 'no stack trace');
  }
  const missing = await tdm(['detect-pii', join(dir, 'nope.csv')]);
  assert.equal(missing.code, 3, missing.err);
  assert.match(missing.err, /^tdm: DATASET_FILE_UNREADABLE: .*nope\.csv/);
});

test('outputs never overwrite the sample; unwritable outputs fail before any work; bad data exits 3', async () => {
  const before = await Promise.all(['customers.csv', 'orders.csv'].map((f) => readFile(join(sample, f))));
  const refused: [string[], number, RegExp][] = [
    [
      ['mask', sample, '--auto', '--secret-file', join(dir, 'secret'), '--out', sample],
      2,
      /^tdm: INPUT_INVALID: --out .*: the sample is read from this directory/,
    ],
    [
      ['synthesize', join(sample, 'customers.csv'), '--out', `${sample}/`],
      2,
      /^tdm: INPUT_INVALID: --out .*: the sample is read from this directory/,
    ],
    [
      ['profile', sample, '--schema-out', join(sample, 'orders.csv')],
      2,
      /^tdm: INPUT_INVALID: --schema-out .*orders\.csv: is an input file/,
    ],
    [
      ['synthesize', sample, '--out', join(dir, 'never'), '--report', join(dir, 'no-dir', 'r.html')],
      4,
      /^tdm: GENERATION_OUTPUT_FAILED: --report .*r\.html: directory .*no-dir does not exist/,
    ],
    [
      ['synthesize', sample, '--out', join(dir, 'secret')],
      4,
      /^tdm: GENERATION_OUTPUT_FAILED: --out .*secret: is a file, not a directory/,
    ],
  ];
  for (const [args, code, message] of refused) {
    const r = await tdm(args);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
    assert.ok(!r.err.includes('    at '), 'no stack trace');
  }
  const after = await Promise.all(['customers.csv', 'orders.csv'].map((f) => readFile(join(sample, f))));
  assert.deepEqual(after, before, 'the sample is untouched');
  await assert.rejects(readFile(join(dir, 'never', 'manifest.json')), 'nothing written before the refusal');

  await writeFile(join(dir, 'empty.csv'), '');
  await writeFile(join(dir, 'header.csv'), 'a,b\n');
  await writeFile(join(dir, 'binary.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  for (const [file, message] of [
    ['empty.csv', /^tdm: SAMPLE_INVALID: no data rows in empty/],
    ['header.csv', /^tdm: SAMPLE_INVALID: no data rows in header/],
    ['binary.csv', /^tdm: DATASET_ROW_MALFORMED: .*binary data/],
  ] as const) {
    const r = await tdm(['synthesize', join(dir, file), '--out', join(dir, 'bad-out')]);
    assert.equal(r.code, 3, `${file}: ${r.err}`);
    assert.match(r.err, message);
  }

  // SQL puts every table in data.sql: the summary counts its rows (it said "masked 0 rows").
  const sql = await tdm([
    'mask',
    sample,
    '--rules',
    join(dir, 'rules.yaml'),
    '--secret-file',
    join(dir, 'secret'),
    '--out',
    join(dir, 'masked-sql'),
    '--format',
    'sql',
  ]);
  assert.equal(sql.code, 0, sql.err);
  const rows =
    (await readFile(join(sample, 'customers.csv'), 'utf8')).split('\n').length -
    2 +
    (await readFile(join(sample, 'orders.csv'), 'utf8')).split('\n').length -
    2;
  assert.match(sql.out, new RegExp(`^masked ${rows} rows into .* \\(sql\\)\\n`));
  assert.match(sql.out, new RegExp(`data\\.sql \\(${rows} rows, \\d+ bytes\\)`));
});
