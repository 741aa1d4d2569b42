/**
 * @module A version's recipe compiled: its schema (a saved version, or the inline document, checked
 * against the hash the recipe recorded) compiled with exactly the options the job generated with,
 * so rows recomputed here equal the rows in the version's files.
 */
import { checkEngineVersion, compileSchema, type CompiledSchema, type SchemaDoc } from '@tdm/core';
import { recipeOptions, schemaOfRecipe, type JobRecipe } from '../../jobs/recipe.js';
import type { DatasetVersion, Db } from '../../store/index.js';

export interface CompiledRecipe {
  doc: SchemaDoc;
  recipe: JobRecipe;
  compiled: CompiledSchema;
}

export async function compileRecipe(
  db: Db,
  v: Pick<DatasetVersion, 'teamId' | 'recipe'>,
): Promise<CompiledRecipe> {
  const recipe = v.recipe as JobRecipe;
  const doc = await schemaOfRecipe(db, v.teamId, recipe);
  const o = recipeOptions(recipe);
  checkEngineVersion(o.engineVersion);
  const compiled = compileSchema(doc, {
    seed: Number(o.seed),
    ...(o.now === undefined ? {} : { now: o.now }),
    ...(o.scale === undefined ? {} : { scale: o.scale }),
    ...(o.counts === undefined ? {} : { counts: o.counts }),
    ...(o.locale === undefined ? {} : { locale: o.locale }),
  });
  return { doc, recipe, compiled };
}
