/**
 * @module Test support: generates a schema as CSV into a temp directory (the real generator and
 * writer), opens it with the real reader, and wraps the dataset so tests inject known defects into
 * chosen rows while it streams.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateData, type OutputPort } from '../../generate/index.js';
import { parseSchema, type SchemaDoc } from '../../dsl/index.js';
import { openDataset } from '../read/index.js';
import type { CellValue, DatasetSource, EntitySource } from '../source.js';

function dirOutput(dir: string): OutputPort {
  return {
    async create(name) {
      const stream = createWriteStream(join(dir, name));
      await new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', fail));
      return {
        write: (chunk) => new Promise<void>((ok, fail) => stream.write(chunk, (e) => (e ? fail(e) : ok()))),
        close: () => new Promise<void>((ok, fail) => stream.end((e?: Error | null) => (e ? fail(e) : ok()))),
      };
    },
    async remove(name) {
      await rm(join(dir, name), { force: true });
    },
  };
}

export interface Generated {
  dir: string;
  schema: SchemaDoc;
  open(): Promise<DatasetSource>;
  remove(): Promise<void>;
}

/** Generates `text` as CSV at `now` (epoch ms) into a fresh temp directory. */
export async function generateCsv(text: string, now: number): Promise<Generated> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-quality-'));
  await generateData(text, { output: dirOutput(dir), format: 'csv', now });
  const schema = parseSchema(text);
  return {
    dir,
    schema,
    open: () => openDataset([dir], { schema }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A defect: in `entity`, row `row`, set `field` (the function gets the rows seen so far). */
export interface Defect {
  entity: string;
  row: number;
  field: string;
  value: CellValue | ((seen: Map<number, CellValue[]>) => CellValue);
}

/** Wraps a dataset so the given cells change as rows stream (the files stay as generated). */
export function withDefects(ds: DatasetSource, defects: Defect[]): DatasetSource {
  return {
    entities: ds.entities.map((e): EntitySource => {
      const mine = defects.filter((d) => d.entity === e.name);
      if (mine.length === 0) return e;
      const rowsWanted = new Set(mine.map((d) => d.row));
      async function* batches(signal?: AbortSignal): AsyncIterable<CellValue[][]> {
        const seen = new Map<number, CellValue[]>();
        let index = 0;
        for await (const batch of e.batches(signal)) {
          const out = batch.map((row) => {
            const i = index++;
            let r = row;
            for (const d of mine) {
              if (d.row !== i) continue;
              r = [...r];
              const col = e.columns.findIndex((c) => c.name === d.field);
              if (col < 0) throw new Error(`no field ${d.field} in ${e.name}`);
              r[col] = typeof d.value === 'function' ? d.value(seen) : d.value;
            }
            if (rowsWanted.size > 0 && i <= Math.max(...rowsWanted)) seen.set(i, r);
            return r;
          });
          yield out;
        }
      }
      // The files stay as generated: threads reading them directly would miss the defects.
      const wrapped: EntitySource = { ...e };
      delete wrapped.layout;
      return {
        ...wrapped,
        batches,
        async *rows(signal?: AbortSignal) {
          for await (const b of batches(signal)) yield* b;
        },
      };
    }),
  };
}
