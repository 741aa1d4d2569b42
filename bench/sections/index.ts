/** @module The benchmark's sections by name; add a module here to add a section. */
import type { BenchSection } from '../lib/section.js';
import { generateSection } from './generate.js';
import { qualitySection } from './quality.js';
import { synthSection } from './synth.js';

export const sections: readonly BenchSection[] = [generateSection, qualitySection, synthSection];
