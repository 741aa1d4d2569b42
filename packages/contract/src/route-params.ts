/** @module Path parameters the route tables share. */
import { z } from 'zod';
import { TeamId, Uuid } from './common.js';

export const V1 = '/api/v1';
export const TeamParams = z.object({ teamId: TeamId });
export const KeyParams = TeamParams.extend({ keyId: z.string().min(1).max(100) });
export const SchemaParams = TeamParams.extend({ schemaId: Uuid });
export const DatasetParams = TeamParams.extend({ datasetId: Uuid });
export const VersionParams = DatasetParams.extend({
  version: z.coerce.number().int().min(1).max(2_147_483_647),
});
export const JobParams = z.object({ jobId: Uuid });
