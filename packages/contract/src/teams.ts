/** @module Team DTOs: the brief's TeamConfig (id, name, environment settings) and the stored Team. */
import { z } from 'zod';
import { Name, TeamId, Timestamp } from './common.js';

/** The environment settings a team carries beyond id and name (createTeamEnvironment's config). */
export const TeamSettings = z.object({
  namespace: z.string().max(200).optional(),
  accessControls: z.record(z.string(), z.unknown()).optional(),
  customizations: z
    .object({
      defaultLocale: z.string().max(20).optional(),
      defaultFormats: z.array(z.enum(['csv', 'json', 'ndjson', 'xml', 'sql', 'parquet'])).optional(),
      qualityLevel: z.enum(['basic', 'standard', 'premium']).optional(),
    })
    .optional(),
  refresh: z
    .object({
      schedule: z.string().max(200).optional(),
      timezone: z.string().max(100).optional(),
      retainVersions: z.number().int().min(1).max(10_000).optional(),
    })
    .optional(),
  /** Uploaded samples of real data: days a new sample is kept before it and its files are purged. */
  samples: z
    .object({
      retentionDays: z.number().int().min(1).max(3650).optional(),
    })
    .optional(),
});

export const TeamConfig = TeamSettings.extend({ teamId: TeamId, teamName: Name }).meta({ id: 'TeamConfig' });
export type TeamConfig = z.infer<typeof TeamConfig>;

export const TeamPatch = TeamSettings.extend({ teamName: Name, archived: z.boolean() })
  .partial()
  .meta({ id: 'TeamPatch' });
export type TeamPatch = z.infer<typeof TeamPatch>;

export const Team = z
  .object({
    teamId: TeamId,
    teamName: z.string(),
    config: TeamSettings,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    archivedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const TeamList = z.object({ teams: z.array(Team) });
