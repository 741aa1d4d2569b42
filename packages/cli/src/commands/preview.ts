/** @module `tdm preview`: the first rows of each entity as a table. */
import { preview as previewRows, type PreviewResult } from '@tdm/core';
import { readSchemaFile } from '../read-input.js';
import { todayUtc } from '../flags.js';

export async function preview(
  schemaPath: string,
  flags: { entity?: string; rows: number; seed?: number; now?: number },
): Promise<PreviewResult[]> {
  return previewRows(await readSchemaFile(schemaPath), {
    rows: flags.rows,
    now: flags.now ?? todayUtc(),
    ...(flags.entity ? { entity: flags.entity } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  });
}
