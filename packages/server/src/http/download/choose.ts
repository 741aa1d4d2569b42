/**
 * @module What a download serves: the stored files when the request asks for what was written
 * (format, gzip, SQL dialect), else files regenerated from the recipe in the wanted shape.
 */
import type { FormatName, SqlDialect } from '@tdm/core';
import { ServerError } from '../../errors.js';
import type { DatasetVersion } from '../../store/index.js';

export interface Source {
  format: FormatName;
  gzip: boolean;
  /** The SQL dialect (format sql only). */
  dialect?: SqlDialect;
  /** True when the stored files are not what was asked for. */
  regenerate: boolean;
}

interface Wanted {
  format?: FormatName | undefined;
  dialect?: SqlDialect | undefined;
  gzip?: boolean | undefined;
}

/** What the version's files were written as (manifest first, then the recipe). */
function stored(v: DatasetVersion): { format: FormatName; gzip: boolean; dialect?: SqlDialect } {
  const m = (v.manifest ?? {}) as { format?: unknown; gzip?: unknown; dialect?: unknown };
  const r = v.recipe as { format?: unknown; gzip?: unknown; dialect?: unknown };
  const format = String(m.format ?? r.format ?? 'csv') as FormatName;
  const gzip = (m.gzip ?? r.gzip) === true;
  if (format !== 'sql') return { format, gzip };
  return { format, gzip, dialect: String(m.dialect ?? r.dialect ?? 'postgres') as SqlDialect };
}

export function chooseSource(v: DatasetVersion, q: Wanted): Source {
  const s = stored(v);
  const format = q.format ?? s.format;
  if (q.dialect !== undefined && format !== 'sql') {
    const message = `dialect applies to format=sql only, not ${format}`;
    throw new ServerError('REQUEST_INVALID', `invalid request: query.dialect: ${message}`, {
      details: { issues: [{ path: 'query.dialect', message, code: 'custom' }] },
    });
  }
  const gzip = q.gzip ?? s.gzip;
  const dialect = format === 'sql' ? (q.dialect ?? s.dialect ?? 'postgres') : undefined;
  const regenerate = format !== s.format || gzip !== s.gzip || dialect !== s.dialect;
  return { format, gzip, ...(dialect === undefined ? {} : { dialect }), regenerate };
}
