/**
 * @module Blob names and team directories: names are relative, `/`-separated segments of a safe
 * alphabet, so no name can reach outside its team's directory; team directories are named by a
 * hash of the team id, so no team id can either (and case-insensitive disks cannot merge teams).
 */
import { createHash } from 'node:crypto';
import { join, resolve, sep } from 'node:path';
import { CryptoError } from '../crypto/index.js';

export const MAX_BLOB_NAME = 512;
export const MAX_SEGMENT = 200;
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function invalid(name: string, reason: string): CryptoError<'BLOB_NAME_INVALID'> {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  return new CryptoError('BLOB_NAME_INVALID', `blob name ${shown} ${reason}`, { details: { reason } });
}

/** Returns the name if it is a valid blob name; throws BLOB_NAME_INVALID saying why otherwise. */
export function validateBlobName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw invalid(String(name), 'is empty');
  if (name.length > MAX_BLOB_NAME) throw invalid(name, `is longer than ${MAX_BLOB_NAME} characters`);
  if (name.includes('\u0000')) throw invalid(name, 'contains a NUL character');
  if (name.includes('\\')) throw invalid(name, 'contains a backslash (use `/` to separate segments)');
  if (name.startsWith('/')) throw invalid(name, 'is absolute (names are relative to the team)');
  for (const segment of name.split('/')) {
    if (segment === '..' || segment === '.') throw invalid(name, `has a "${segment}" segment`);
    if (segment === '') throw invalid(name, 'has an empty segment (`//` or a trailing `/`)');
    if (segment.length > MAX_SEGMENT)
      throw invalid(name, `has a segment longer than ${MAX_SEGMENT} characters`);
    if (!SEGMENT.test(segment)) {
      throw invalid(name, 'has a segment outside [A-Za-z0-9._-] or starting with `.`');
    }
  }
  return name;
}

/** The directory of one team's blobs under the store root. */
export function teamDirectory(root: string, teamId: string): string {
  if (typeof teamId !== 'string' || teamId.length === 0 || Buffer.byteLength(teamId) > 255) {
    throw new CryptoError('BLOB_NAME_INVALID', `team id ${JSON.stringify(teamId)} must be 1 to 255 bytes`, {
      details: { reason: 'team id' },
    });
  }
  return join(resolve(root), `t-${createHash('sha256').update(teamId).digest('hex').slice(0, 32)}`);
}

/** The file of a blob, checked (again, as defence in depth) to lie inside the team directory. */
export function blobPath(teamDir: string, name: string): string {
  const path = resolve(teamDir, validateBlobName(name));
  if (!path.startsWith(teamDir + sep)) throw invalid(name, 'escapes the team directory');
  return path;
}
