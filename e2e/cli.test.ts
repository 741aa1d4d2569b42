/**
 * @module The CLI end to end, in process: commands, output styles, exit codes, and bad input
 * answered with one coded line (never a stack trace).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ExitCode, main, type Io } from '@tdm/cli';

function captureIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    progressStream: process.stderr,
    stdout: () => out,
    stderr: () => err,
  };
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const NOW = '2026-01-15T00:00:00Z';
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sha(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('tdm generate', () => {
  test('writes one file per entity and a manifest with sizes and checksums', async () => {
    const out = join(dir, 'gen');
    const r = await run('generate', 'examples/shop.yaml', '--out', out, '--now', NOW, '-q', '--scale', '0.1');
    assert.equal(r.code, ExitCode.OK, r.err);
    const files = (await readdir(out)).sort();
    assert.deepEqual(files, ['customers.csv', 'manifest.json', 'orders.csv']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    assert.equal(manifest.engineVersion, '1.0.0');
    assert.equal(manifest.seed, 42);
    assert.match(manifest.schemaHash, /^sha256:[0-9a-f]{64}$/);
    assert.equal(manifest.entities.customers.rows, 100);
    for (const [name, entity] of Object.entries<{ files: { name: string; bytes: number; sha256: string }[] }>(
      manifest.entities,
    )) {
      const f = entity.files[0];
      assert.ok(f, name);
      assert.equal(f.sha256, await sha(join(out, f.name)));
      assert.equal(f.bytes, (await readFile(join(out, f.name))).byteLength);
    }
    assert.match(r.out, /generated \d+ rows/);
  });

  test('same seed gives the same bytes; another seed does not', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    for (const [o, seed] of [
      [a, '7'],
      [b, '7'],
      [c, '8'],
    ] as const) {
      const r = await run('generate', 'examples/shop.yaml', '--out', o, '--now', NOW, '-q', '--seed', seed);
      assert.equal(r.code, 0, r.err);
    }
    assert.equal(await sha(join(a, 'orders.csv')), await sha(join(b, 'orders.csv')));
    assert.notEqual(await sha(join(a, 'orders.csv')), await sha(join(c, 'orders.csv')));
  });

  test('--output json prints the manifest', async () => {
    const r = await run(
      'generate',
      'examples/shop.yaml',
      '--out',
      join(dir, 'j'),
      '--now',
      NOW,
      '--output',
      'json',
      '--count',
      'customers=5',
    );
    assert.equal(r.code, 0, r.err);
    const m = JSON.parse(r.out);
    assert.equal(m.entities.customers.rows, 5);
  });

  test('--gzip writes .gz files', async () => {
    const out = join(dir, 'gz');
    const r = await run(
      'generate',
      'examples/shop.yaml',
      '--out',
      out,
      '--now',
      NOW,
      '-q',
      '--gzip',
      '--count',
      'customers=20',
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((await readdir(out)).sort(), ['customers.csv.gz', 'manifest.json', 'orders.csv.gz']);
  });
});

describe('bad input gets one coded line and a documented exit code', () => {
  const cases: [string, string[], number, RegExp][] = [
    [
      'missing schema file',
      ['generate', 'nope.yaml', '--out', '/tmp/x'],
      ExitCode.INPUT,
      /^tdm: INPUT_FILE_NOT_FOUND: cannot read schema nope\.yaml/,
    ],
    [
      'bad --workers',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--workers', 'many'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: --workers: "many" is not an integer from 1 to 64/,
    ],
    [
      'zero --workers',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--workers', '0'],
      ExitCode.USAGE,
      /INPUT_INVALID: --workers/,
    ],
    [
      'bad --seed',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--seed', '1.5'],
      ExitCode.USAGE,
      /INPUT_INVALID: --seed/,
    ],
    [
      'negative --scale',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--scale', '-2'],
      ExitCode.USAGE,
      /INPUT_INVALID: --scale/,
    ],
    [
      'bad --now',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--now', 'yesterday'],
      ExitCode.USAGE,
      /INPUT_INVALID: --now/,
    ],
    [
      'bad --count',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--count', 'customers'],
      ExitCode.USAGE,
      /INPUT_INVALID: --count/,
    ],
    [
      'unknown format',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--format', 'xlsx'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: option '-f, --format <format>' argument 'xlsx' is invalid\. Allowed choices are csv, .*\n {2}fix: Usage: tdm generate \[options\] <schema> /,
    ],
    [
      'unknown command',
      ['generat', 'examples/shop.yaml'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: unknown command 'generat'\n {2}fix: Did you mean generate\? Run `tdm --help` for the commands\.\n$/,
    ],
    [
      'unknown subcommand',
      ['admin', 'create-tem', 'a'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: unknown command 'create-tem'\n {2}fix: Did you mean create-team\? Run `tdm admin --help`/,
    ],
    [
      'unknown flag',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--sed', '1'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: unknown option '--sed'\n {2}fix: Did you mean --seed\? Run `tdm generate --help` for its options\.\n$/,
    ],
    [
      'unknown flag, nothing like it',
      ['quality', 'x.csv', '--bogus'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: unknown option '--bogus'\n {2}fix: Run `tdm quality --help` for its options\.\n$/,
    ],
    [
      'missing argument',
      ['generate'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: missing required argument 'schema'\n {2}fix: Usage: tdm generate \[options\] <schema> /,
    ],
    [
      'a flag without its value',
      ['generate', 'examples/shop.yaml', '--out'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: option '-o, --out <dir>' argument missing\n {2}fix: Pass --out <dir> /,
    ],
    [
      'a required flag of a subcommand',
      ['admin', 'create-team', 'acme'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: required option '--name <name>' not specified\n {2}fix: Pass --name <name> \(`tdm admin create-team --help`/,
    ],
    [
      'too many arguments',
      ['validate', 'a.yaml', 'b.yaml'],
      ExitCode.USAGE,
      /^tdm: INPUT_INVALID: too many arguments for 'validate'\. Expected 1 argument but got 2\.\n {2}fix: Usage: tdm validate /,
    ],
    [
      'missing --out',
      ['generate', 'examples/shop.yaml'],
      ExitCode.USAGE,
      /required option '-o, --out <dir>' not specified/,
    ],
    [
      'unknown locale',
      ['generate', 'examples/shop.yaml', '--out', '/tmp/x', '--locale', 'xx'],
      ExitCode.INVALID,
      /SCHEMA_INVALID/,
    ],
  ];
  for (const [name, argv, code, pattern] of cases) {
    test(name, async () => {
      const r = await run(...argv);
      assert.equal(r.code, code, r.err);
      assert.match(r.err, pattern);
      assert.doesNotMatch(r.err, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    });
  }

  // A recursive mkdir under /proc never returns on Node 20: the timeout turns a hang into a failure.
  test(
    'an output directory that cannot be created exits 4 with a coded line',
    { skip: !existsSync('/proc/self'), timeout: 60_000 },
    async () => {
      for (const out of ['/proc/tdm-out', '/proc/tdm-out/a/b']) {
        const r = await run('generate', 'examples/shop.yaml', '--out', out, '-q', '--now', NOW);
        assert.equal(r.code, ExitCode.FAILED, r.err);
        assert.match(
          r.err,
          /^tdm: GENERATION_OUTPUT_FAILED: --out \/proc\/tdm-out.*: cannot create \/proc\/tdm-out \(ENOENT\)\n {2}fix: /,
        );
      }
      const file = join(dir, 'a-file');
      await writeFile(file, 'x');
      const r = await run('generate', 'examples/shop.yaml', '--out', file, '-q', '--now', NOW);
      assert.equal(r.code, ExitCode.FAILED, r.err);
      assert.match(r.err, /^tdm: GENERATION_OUTPUT_FAILED: --out .*a-file: is not a directory/);
    },
  );

  test('a directory as schema', async () => {
    const r = await run('validate', 'examples');
    assert.equal(r.code, ExitCode.INPUT);
    assert.match(r.err, /^tdm: INPUT_FILE_NOT_FOUND: examples is not a file/);
  });

  test('a binary file as schema', async () => {
    const p = join(dir, 'bin.yaml');
    await writeFile(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    const r = await run('validate', p);
    assert.equal(r.code, ExitCode.INPUT);
    assert.match(r.err, /SCHEMA_PARSE_ERROR: .* is a binary file/);
  });

  test('YAML syntax errors name the line', async () => {
    const p = join(dir, 'broken.yaml');
    await writeFile(p, 'entities:\n  users:\n    fields: { id: [\n');
    const v = await run('validate', p);
    assert.equal(v.code, ExitCode.INVALID);
    assert.match(
      v.out,
      /SCHEMA_PARSE_ERROR {2}schema is not valid YAML\/JSON at line 4, column 1: Flow sequence/,
    );
    const g = await run('generate', p, '--out', join(dir, 'never'));
    assert.equal(g.code, ExitCode.INPUT);
    assert.match(g.err, /^tdm: SCHEMA_PARSE_ERROR: schema is not valid YAML\/JSON at line 4, column 1/);
  });
});

describe('tdm validate', () => {
  test('exit 0 for a valid schema', async () => {
    const r = await run('validate', 'examples/shop.yaml');
    assert.equal(r.code, 0);
    assert.match(r.out, /examples\/shop\.yaml is valid \(customers: 1000, orders: \d+\)/);
  });

  test('exit 1 with every problem, as text and JSON', async () => {
    const p = join(dir, 'bad.yaml');
    await writeFile(
      p,
      [
        'entities:',
        '  customers:',
        '    count: 10',
        '    fields:',
        '      id: { type: uuid, primaryKey: true }',
        '      age: { type: integer, min: 90, max: 10 }',
        '  orders:',
        '    fields:',
        '      customer_id: { ref: customer.id }',
        '      kind: { type: enmu, values: [a, b] }',
      ].join('\n'),
    );
    const text = await run('validate', p);
    assert.equal(text.code, ExitCode.INVALID);
    assert.match(text.out, /3 problem\(s\)/);
    assert.match(
      text.out,
      /SCHEMA_RANGE_INVALID {2}entities\.customers\.fields\.age: min 90 is greater than max 10/,
    );
    assert.match(
      text.out,
      /SCHEMA_REF_UNKNOWN {2}entities\.orders\.fields\.customer_id\.ref: unknown entity "customer" \(did you mean "customers"\?\)/,
    );
    assert.match(
      text.out,
      /SCHEMA_TYPE_UNKNOWN {2}entities\.orders\.fields\.kind\.type: unknown type "enmu" \(did you mean "enum"\?\)/,
    );
    assert.match(text.out, /fix: /);
    const json = await run('validate', p, '--output', 'json');
    assert.equal(json.code, ExitCode.INVALID);
    const result = JSON.parse(json.out);
    assert.equal(result.valid, false);
    assert.deepEqual(result.problems.map((x: { code: string; path: string }) => [x.code, x.path]).sort(), [
      ['SCHEMA_RANGE_INVALID', 'entities.customers.fields.age'],
      ['SCHEMA_REF_UNKNOWN', 'entities.orders.fields.customer_id.ref'],
      ['SCHEMA_TYPE_UNKNOWN', 'entities.orders.fields.kind.type'],
    ]);
  });
});

describe('tdm preview, schema, generators', () => {
  test('preview prints a table per entity', async () => {
    const r = await run('preview', 'examples/shop.yaml', '--rows', '3', '--entity', 'orders', '--now', NOW);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^orders \(\d+ rows\)/);
    assert.match(r.out, /customer_id/);
    assert.doesNotMatch(r.out, /customers \(/);
  });

  test('preview of an unknown entity suggests the right one', async () => {
    const r = await run('preview', 'examples/shop.yaml', '--entity', 'order');
    assert.equal(r.code, ExitCode.USAGE);
    assert.match(r.err, /unknown entity "order" \(did you mean "orders"\?\)/);
  });

  test('schema prints a JSON Schema naming every generator', async () => {
    const r = await run('schema');
    assert.equal(r.code, 0);
    const s = JSON.parse(r.out);
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const gens = await run('generators');
    const names = gens.out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]);
    assert.ok(names.length > 10);
    for (const n of names) assert.ok(r.out.includes(`"${n}"`), n);
  });
});
