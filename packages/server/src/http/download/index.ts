/** @module Version downloads: stored files (sealed, checked) or files regenerated from the recipe. */
export { PushStream } from './push-stream.js';
export { entityFiles, manifestEntries, storedFile, storedZip, zipName, type FileEntry } from './stored.js';
export {
  drive,
  entityFileName,
  prepareRegeneration,
  regeneratedEntity,
  regeneratedZip,
  tableOf,
  type Regeneration,
  type RegenerationHooks,
} from './regenerate.js';
export { chooseSource, type Source } from './choose.js';
export { compileRecipe, type CompiledRecipe } from './compile-recipe.js';
