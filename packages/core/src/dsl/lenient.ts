/**
 * @module Lenient reading for validation: structural problems are recorded and the offending
 * parts set aside (a bad option removed, a bad field emptied), so the rest of the schema can still
 * be compiled and every independent mistake reported in one pass.
 */
import type { z } from 'zod';
import type { Problem } from '../errors/index.js';
import { schemaDocSchema, type SchemaDoc } from './model.js';
import { isMapping, notAMapping } from './parse.js';
import { issuePath, problemsFromZod } from './zod-problems.js';

export interface LenientResult {
  /** The schema with invalid parts set aside; null when nothing usable is left. */
  doc: SchemaDoc | null;
  problems: Problem[];
  /** Paths that were set aside: later problems under them repeat what is already reported. */
  setAside: string[];
}

type Key = string | number;
const MAX_PASSES = 8;

/** Copies plain mappings and lists (the only shapes a schema has), to edit them freely. */
function clonePlain(v: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(v)) return v.map((x) => clonePlain(x, depth + 1));
  if (isMapping(v) && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clonePlain(x, depth + 1)]));
  }
  return v;
}

function parentOf(root: unknown, path: readonly Key[]): Record<Key, unknown> | null {
  let v = root;
  for (const k of path.slice(0, -1)) {
    if (typeof v !== 'object' || v === null) return null;
    v = (v as Record<Key, unknown>)[k];
  }
  return typeof v === 'object' && v !== null ? (v as Record<Key, unknown>) : null;
}

/** Sets aside the smallest part of the document that contains the issue; returns its path. */
function setAside(root: Record<string, unknown>, path: readonly Key[]): readonly Key[] {
  const put = (p: readonly Key[], value: unknown): readonly Key[] => {
    const parent = parentOf(root, p);
    const last = p[p.length - 1];
    if (parent && last !== undefined) {
      if (value === undefined) delete parent[last];
      else parent[last] = value;
    }
    return p;
  };
  const [top, , third, , fifth] = path;
  if (top === 'entities') {
    if (path.length === 1) return put(path, {});
    if (path.length === 2) return put(path, { fields: {} });
    if (third !== 'fields') return put(path.slice(0, 3), undefined);
    if (path.length === 3) return put(path, {});
    // A field's type or ref is what it is: without a valid one the field is set aside whole.
    if (path.length === 4 || fifth === 'type' || fifth === 'ref') return put(path.slice(0, 4), {});
    return put(path.slice(0, 5), undefined);
  }
  if (top === 'constraints' && path.length >= 2) {
    // Replaced, not removed, so later constraints keep their index in messages.
    return put(path.slice(0, 2), { entity: '', rule: 'true' });
  }
  return put(path.slice(0, 1), undefined);
}

function pathsOf(issue: z.core.$ZodIssue): Key[][] {
  const base = issue.path as Key[];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...base, k]);
  return [base];
}

/**
 * Parses an already-read document leniently.
 * @example
 *   const { doc, problems, setAside } = parseSchemaLenient(parseSchemaText(text));
 */
export function parseSchemaLenient(raw: unknown): LenientResult {
  if (!isMapping(raw)) return { doc: null, problems: notAMapping().problems, setAside: [] };
  const work = clonePlain(raw) as Record<string, unknown>;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const aside: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const parsed = schemaDocSchema.safeParse(work);
    if (parsed.success) return { doc: parsed.data, problems, setAside: aside };
    for (const p of problemsFromZod(parsed.error, work)) {
      const key = `${p.path}\n${p.message}`;
      if (!seen.has(key)) problems.push(p);
      seen.add(key);
    }
    for (const issue of parsed.error.issues)
      for (const path of pathsOf(issue)) aside.push(issuePath(setAside(work, path)));
  }
  return { doc: null, problems, setAside: aside };
}
