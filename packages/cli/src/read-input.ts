/**
 * @module Reading input files for commands: size-limited, with coded errors instead of stack traces.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_SCHEMA_BYTES, TdmError } from '@tdm/core';

export async function readSchemaFile(path: string): Promise<string> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new TdmError('INPUT_FILE_NOT_FOUND', `${path} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof TdmError) throw e;
    throw new TdmError(
      'INPUT_FILE_NOT_FOUND',
      `cannot read schema ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        suggestedActions: ['Check the path; schemas are YAML or JSON files such as examples/shop.yaml.'],
      },
    );
  }
  if (size > MAX_SCHEMA_BYTES) {
    throw new TdmError(
      'SCHEMA_TOO_LARGE',
      `${path} is ${size} bytes; schemas are limited to ${MAX_SCHEMA_BYTES} bytes`,
    );
  }
  const buf = await readFile(path);
  if (buf.includes(0))
    throw new TdmError('SCHEMA_PARSE_ERROR', `${path} is a binary file, not a YAML/JSON schema`);
  return buf.toString('utf8');
}
