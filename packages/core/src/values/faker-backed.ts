/**
 * @module Helpers to declare generators backed by faker's locale data: plain lists (finite value
 * spaces, usable as unique keys), patterns, and combos of lists.
 */
import { z } from 'zod';
import { comboValue, longest, type Combo } from './combos.js';
import type { LocaleData } from './locale-data.js';
import { defineGenerator, type CompiledValue, type GeneratorDef } from './types.js';

const noParams = z.object({}).strict();

/** A string value over a fixed list: uniform draws, and the list itself as the unique space. */
export function listValue(list: readonly string[]): CompiledValue {
  const n = list.length;
  return {
    kind: 'string',
    maxLength: longest(list),
    draw: (rng) => list[rng.below(n)] as string,
    capacity: n,
    at: (k) => list[k] as string,
  };
}

/** A generator that picks from the locale list at `path` (e.g. `location.country`). */
export function listGenerator(
  name: string,
  description: string,
  path: string,
): GeneratorDef<Record<string, never>> {
  return defineGenerator({
    name,
    description,
    example: { type: name },
    params: noParams,
    compile: (_p, ctx) => listValue(ctx.locale.list(path)),
  }) as GeneratorDef<Record<string, never>>;
}

/** A generator that expands the faker pattern(s) at `path` (e.g. `location.city_pattern`). */
export function patternGenerator(
  name: string,
  description: string,
  path: string,
  maxLength = 255,
): GeneratorDef<Record<string, never>> {
  return defineGenerator({
    name,
    description,
    example: { type: name },
    params: noParams,
    compile(_p, ctx) {
      const gen = ctx.locale.gen(path);
      return { kind: 'string', maxLength, draw: (rng) => gen(rng) };
    },
  }) as GeneratorDef<Record<string, never>>;
}

/** A generator over a combo of locale lists (catch phrases, buzz phrases). */
export function comboGenerator(
  name: string,
  description: string,
  combo: (locale: LocaleData) => Combo,
): GeneratorDef<Record<string, never>> {
  return defineGenerator({
    name,
    description,
    example: { type: name },
    params: noParams,
    compile: (_p, ctx) => comboValue(combo(ctx.locale)),
  }) as GeneratorDef<Record<string, never>>;
}
