/**
 * @module A version's recipe (decision 2 of DESIGN.md): which schema (a saved version, or the
 * inline document itself), seed, scale, counts, engine version, "now" and format. Built from a
 * job's request before generating; read back to rebuild evicted files.
 */
import {
  checkEngineVersion,
  compileSchema,
  parseSchema,
  schemaHash,
  TdmError,
  validateSchema,
  type FormatName,
  type GenerationOptions,
  type SchemaDoc,
  type SqlDialect,
} from '@tdm/core';
import { ServerError } from '../errors.js';
import { getSchemaVersionById, type Db, type Recipe } from '../store/index.js';
import type { StoredRequest } from './request.js';

export interface JobRecipe extends Recipe {
  schemaHash: string;
  /**
   * The inline schema as JSON text (a saved one is referenced by schemaVersionId instead). Text,
   * because jsonb reorders object keys and a schema's field order is its column order.
   */
  schemaText?: string;
  /** Recipes written before schemaText held the object (field order may be lost in jsonb). */
  schema?: SchemaDoc;
  seed: number;
  scale: number;
  format: FormatName;
  dialect?: SqlDialect;
  gzip: boolean;
  /** The locale the job asked for (or its team's default); absent: the schema's, else en. */
  locale?: string;
  /** The quality level the version was made for (the job's, else its team's); not part of the bytes. */
  qualityLevel?: 'basic' | 'standard' | 'premium';
}

export interface Planned {
  doc: SchemaDoc;
  recipe: JobRecipe;
  rowsTotal: number;
}

/** Parses and validates; SCHEMA_INVALID (or the parse code) names every problem. */
function checkedDoc(input: unknown, opts: { now: string }): SchemaDoc {
  const result = validateSchema(input, { now: opts.now });
  if (!result.valid) {
    const first = result.problems.slice(0, 5).map((p) => p.message);
    const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : '';
    throw new TdmError('SCHEMA_INVALID', `schema is invalid: ${first.join('; ')}${more}`, {
      problems: result.problems,
    });
  }
  return parseSchema(input);
}

/** Resolves the job's schema and pins everything that decides its bytes. */
export async function planGeneration(db: Db, teamId: string, req: StoredRequest): Promise<Planned> {
  const o = req.options;
  const engineVersion = checkEngineVersion(o.engineVersion);
  const source = req.schemaVersionId
    ? (await getSchemaVersionById(db, teamId, req.schemaVersionId)).document
    : req.schema;
  const doc = checkedDoc(source, { now: o.now });
  const compiled = compileSchema(doc, {
    now: o.now,
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.scale === undefined ? {} : { scale: o.scale }),
    ...(o.counts === undefined ? {} : { counts: o.counts }),
    ...(o.locale === undefined ? {} : { locale: o.locale }),
  });
  const recipe: JobRecipe = {
    schemaVersionId: req.schemaVersionId ?? null,
    schemaHash: schemaHash(doc),
    ...(req.schemaVersionId ? {} : { schemaText: JSON.stringify(doc) }),
    seed: compiled.seed,
    scale: compiled.scale,
    ...(o.counts === undefined ? {} : { counts: o.counts }),
    engineVersion,
    now: new Date(compiled.now).toISOString(),
    format: o.format,
    ...(o.dialect === undefined ? {} : { dialect: o.dialect }),
    gzip: o.gzip === true,
    ...(o.locale === undefined ? {} : { locale: o.locale }),
    ...(o.qualityLevel === undefined ? {} : { qualityLevel: o.qualityLevel }),
  };
  return { doc, recipe, rowsTotal: compiled.tables.reduce((s, t) => s + t.rowCount, 0) };
}

/** The schema a stored recipe names, checked against the hash it recorded. */
export async function schemaOfRecipe(db: Db, teamId: string, recipe: JobRecipe): Promise<SchemaDoc> {
  // A mask/synthesize job's version has no schema to remake rows from: its stored files are the data.
  if ((recipe as { regenerable?: unknown }).regenerable === false) {
    throw new ServerError(
      'SAMPLE_VERSION_STATE_INVALID',
      'this version was made from a sample: its rows cannot be regenerated from a schema',
      {
        suggestedActions: [
          'Download it in its stored format (no ?format=), or run a new mask/synthesize job with the format you need.',
        ],
      },
    );
  }
  const doc = recipe.schemaVersionId
    ? parseSchema((await getSchemaVersionById(db, teamId, recipe.schemaVersionId)).document)
    : parseSchema(recipe.schemaText !== undefined ? JSON.parse(recipe.schemaText) : recipe.schema);
  const hash = schemaHash(doc);
  if (hash !== recipe.schemaHash) {
    throw new ServerError(
      'JOB_RECIPE_MISMATCH',
      `the recipe's schema hashes to ${hash}, not ${recipe.schemaHash}`,
      {
        details: { expected: recipe.schemaHash, actual: hash },
      },
    );
  }
  return doc;
}

/** generateData's options for a recipe (output, signal and progress are the caller's). */
export function recipeOptions(
  recipe: JobRecipe,
): Pick<
  GenerationOptions,
  'seed' | 'scale' | 'counts' | 'now' | 'format' | 'formatOptions' | 'gzip' | 'engineVersion' | 'locale'
> {
  return {
    seed: recipe.seed,
    scale: recipe.scale,
    ...(recipe.counts === undefined ? {} : { counts: recipe.counts }),
    now: recipe.now,
    format: recipe.format,
    formatOptions: recipe.dialect === undefined ? {} : { dialect: recipe.dialect },
    gzip: recipe.gzip,
    engineVersion: recipe.engineVersion,
    ...(recipe.locale === undefined ? {} : { locale: recipe.locale }),
  };
}
