/**
 * @module Helpers to declare generators backed by faker's locale data: plain lists (finite value
 * spaces, usable as unique keys) and patterns.
 */
import { z } from 'zod';
import { defineGenerator, type GeneratorDef } from './types.js';

const noParams = z.object({}).strict();

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
    compile(_p, ctx) {
      const list = ctx.locale.list(path);
      const n = list.length;
      return {
        kind: 'string',
        maxLength: Math.max(...list.map((s) => s.length)),
        draw: (rng) => list[rng.below(n)] as string,
        capacity: n,
        at: (k) => list[k] as string,
      };
    },
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
