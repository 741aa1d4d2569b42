/** @module The value library: generators backed by faker's locale data, numbers, dates and more. */
export { allGenerators, getGenerator, generatorNames } from './registry.js';
export { LocaleData, localeCodes } from './locale-data.js';
export {
  parseInstant,
  parseTimeOfDay,
  applyRelative,
  resolveBound,
  parseBoundText,
  boundValue,
  type Bound,
  type BoundText,
} from './bounds.js';
export { formatUuid } from './uuid.js';
export type {
  AnyGeneratorDef,
  ColumnKind,
  CompileContext,
  CompiledValue,
  GeneratorDef,
  Value,
} from './types.js';
export { defineGenerator } from './types.js';
