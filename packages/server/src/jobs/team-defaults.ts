/**
 * @module A team's customizations applied to a job's options: what the request leaves out comes
 * from the team (first default format, default locale, quality level), else the engine's defaults.
 * What the request gives always wins.
 */
import { formatNames, localeCodes, type FormatName } from '@tdm/core';
import { ServerError } from '../errors.js';
import type { TeamConfig } from '../store/index.js';
import type { JobOptions, QualityLevel } from './request.js';

const QUALITY_LEVELS: readonly string[] = ['basic', 'standard', 'premium'];

export interface ResolvedOptions extends JobOptions {
  format: FormatName;
}

function badDefault(
  teamId: string,
  path: string,
  option: string,
  value: unknown,
  allowed: string,
): ServerError {
  const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  return new ServerError(
    'JOB_REQUEST_INVALID',
    `team "${teamId}" config.customizations.${path}: ${shown} is not ${allowed}; give options.${option} in the job or fix the team's settings`,
    { details: { problems: [{ path: `team.config.customizations.${path}`, message: `not ${allowed}` }] } },
  );
}

/** The options a job runs with, given what it asked for and its team's settings. */
export function applyTeamDefaults(teamId: string, options: JobOptions, config: TeamConfig): ResolvedOptions {
  const c = config.customizations ?? {};
  const out: ResolvedOptions = { ...options, format: options.format ?? 'csv' };
  if (options.format === undefined && Array.isArray(c.defaultFormats) && c.defaultFormats.length > 0) {
    const first: unknown = c.defaultFormats[0];
    if (!formatNames.includes(first as FormatName)) {
      throw badDefault(teamId, 'defaultFormats[0]', 'format', first, `one of ${formatNames.join(', ')}`);
    }
    out.format = first as FormatName;
  }
  if (options.locale === undefined && c.defaultLocale !== undefined) {
    if (!localeCodes.includes(c.defaultLocale)) {
      throw badDefault(teamId, 'defaultLocale', 'locale', c.defaultLocale, 'a known locale');
    }
    out.locale = c.defaultLocale;
  }
  if (options.qualityLevel === undefined && c.qualityLevel !== undefined) {
    if (!QUALITY_LEVELS.includes(c.qualityLevel)) {
      throw badDefault(teamId, 'qualityLevel', 'qualityLevel', c.qualityLevel, 'basic, standard or premium');
    }
    out.qualityLevel = c.qualityLevel as QualityLevel;
  }
  return out;
}
