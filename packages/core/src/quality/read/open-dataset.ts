/**
 * @module openDataset: files, directories of files, or a tdm generation output directory (its
 * manifest.json lists entities and files) -> a DatasetSource. With a DSL schema, column types
 * come from it and each file must have exactly its entity's fields.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compileSchema } from '../../compile/index.js';
import type { SchemaDoc } from '../../dsl/index.js';
import { TdmError } from '../../errors/index.js';
import type { Manifest } from '../../generate/index.js';
import type { ColumnKind } from '../../values/index.js';
import { mismatch, unreadable } from './errors.js';
import { readFailure, type DatasetFiles } from './files.js';
import { openEntity, type EntityPlan } from './entity.js';
import type { ColumnType, DatasetFormat, DatasetSource } from './types.js';

export interface OpenDatasetOptions {
  /** A DSL schema document: column types come from it; mismatching files are coded errors. */
  schema?: SchemaDoc;
  /** Rows read up front to infer types and sniff CSV dialects (default 1000). */
  sampleRows?: number;
}

const EXTENSIONS: [RegExp, DatasetFormat][] = [
  [/\.csv(\.gz)?$/i, 'csv'],
  [/\.tsv(\.gz)?$/i, 'tsv'],
  [/\.tab(\.gz)?$/i, 'tsv'],
  [/\.(ndjson|jsonl)(\.gz)?$/i, 'ndjson'],
  [/\.json(\.gz)?$/i, 'json'],
  [/\.parquet$/i, 'parquet'],
];
const REFUSED = /\.(sql|xml)(\.gz)?$/i;

function formatOf(file: string): DatasetFormat | undefined {
  return EXTENSIONS.find(([re]) => re.test(file))?.[1];
}

function stem(file: string): string {
  return basename(file)
    .replace(/\.gz$/i, '')
    .replace(/\.[^.]+$/, '');
}

function refused(what: string, format: string): TdmError {
  return new TdmError(
    'DATASET_FORMAT_UNSUPPORTED',
    `${what}: ${format.toUpperCase()} datasets cannot be checked: regenerate it with --format csv, ndjson or parquet`,
    { details: { file: what, format } },
  );
}

/**
 * Opens a dataset for reading. Each entity is sampled once (types, CSV dialect); rows stream later.
 *
 * @example
 * const ds = await openDataset(['out/']);
 * for (const e of ds.entities) for await (const batch of e.batches()) count += batch.length;
 */
export async function openDataset(paths: string[], options: OpenDatasetOptions = {}): Promise<DatasetSource> {
  const sampleRows = Math.max(1, options.sampleRows ?? 1000);
  const found = new Map<string, { files: string[]; format: DatasetFormat }>();
  const add = (name: string, file: string, format: DatasetFormat): void => {
    const prev = found.get(name);
    if (prev) {
      throw new TdmError('INPUT_INVALID', `${file}: entity "${name}" is already read from ${prev.files[0]}`, {
        suggestedActions: ['Pass each entity’s file once; entity names are file names without extensions.'],
      });
    }
    found.set(name, { files: [file], format });
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (e) {
      throw readFailure(path, e);
    }
    if (!isDir) {
      if (REFUSED.test(path)) throw refused(path, path.replace(/\.gz$/i, '').split('.').pop()!);
      const format = formatOf(path);
      if (!format) {
        throw new TdmError('DATASET_FORMAT_UNKNOWN', `${path}: unknown data file type`, {
          details: { file: path },
        });
      }
      add(stem(path), path, format);
      continue;
    }
    const manifest = await readManifest(path);
    if (manifest) {
      if (manifest.format === 'sql' || manifest.format === 'xml') throw refused(path, manifest.format);
      for (const [name, e] of Object.entries(manifest.entities)) {
        const files = e.files.map((f) => join(path, f.name));
        const format = formatOf(files[0] ?? '') ?? (manifest.format as DatasetFormat);
        add(name, files[0] ?? '', format);
        found.get(name)!.files = files;
      }
      continue;
    }
    const names = (await readdir(path)).sort();
    const data = names.filter((n) => formatOf(n));
    if (data.length === 0)
      throw unreadable(path, 'no data files (.csv, .tsv, .json, .ndjson, .parquet) in this directory');
    for (const n of data) add(stem(n), join(path, n), formatOf(n)!);
  }
  return openDatasetEntities(
    [...found].map(([name, { files, format }]) => ({ name, files, format })),
    { ...options, sampleRows },
  );
}

/** Named entities whose files are already known (a manifest's), read locally or through `access`. */
export interface DatasetEntityFiles {
  name: string;
  files: string[];
  format: DatasetFormat;
}

/**
 * Opens entities whose files are known, e.g. a stored version's files read through the server's
 * sealed blob store (`access`). Same typing rules as openDataset.
 */
export async function openDatasetEntities(
  list: DatasetEntityFiles[],
  options: OpenDatasetOptions & { access?: DatasetFiles } = {},
): Promise<DatasetSource> {
  const sampleRows = Math.max(1, options.sampleRows ?? 1000);
  const declared = options.schema ? declaredColumns(options.schema) : undefined;
  const entities = [];
  for (const { name, files, format } of list) {
    const plan: EntityPlan = {
      name,
      files,
      format,
      sampleRows,
      ...(options.access ? { access: options.access } : {}),
    };
    if (declared) {
      const cols = declared.get(name);
      if (!cols) {
        throw mismatch(
          files[0] ?? name,
          `no entity "${name}" in the schema (it has ${[...declared.keys()].join(', ')})`,
          {
            entity: name,
          },
        );
      }
      plan.declared = cols;
    }
    entities.push(await openEntity(plan));
  }
  return { entities };
}

async function readManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.generator !== 'tdm' || typeof m.entities !== 'object' || m.entities === null) return null;
    return m;
  } catch {
    return null;
  }
}

const TYPE_OF_KIND: Record<ColumnKind, ColumnType> = {
  string: 'string',
  uuid: 'string',
  time: 'string',
  integer: 'integer',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  json: 'json',
};

/** Each entity's fields and column types, from the compiled schema (its table plans). */
function declaredColumns(schema: SchemaDoc): Map<string, { name: string; type: ColumnType }[]> {
  // The schema's own counts: compiling plans tables without generating rows, and shrinking the
  // counts would break capacity checks that hold at full size (composite keys per parent).
  const compiled = compileSchema(schema, { now: schema.now ?? '2000-01-01T00:00:00Z' });
  return new Map(
    compiled.tables.map((t) => [
      t.name,
      t.columns.map((c) => ({ name: c.name, type: TYPE_OF_KIND[c.kind] })),
    ]),
  );
}
