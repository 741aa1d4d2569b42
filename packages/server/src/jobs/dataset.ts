/** @module The dataset a job writes into: the request's name, else the schema's; created on first use. */
import { isServerError } from '../errors.js';
import { createDataset, findDatasetByName, type Dataset, type Db } from '../store/index.js';
import type { StoredRequest } from './request.js';

export async function ensureDataset(
  db: Db,
  teamId: string,
  request: StoredRequest,
  schemaName: string,
): Promise<Dataset> {
  const name = request.datasetName ?? schemaName;
  const found = await findDatasetByName(db, teamId, name);
  if (found) return found;
  try {
    return await createDataset(db, teamId, { name, schemaId: request.schemaId ?? null });
  } catch (e) {
    // Two jobs of the team created it at the same moment: use the one that won.
    const winner = isServerError(e, 'STORE_CONFLICT') ? await findDatasetByName(db, teamId, name) : null;
    if (winner) return winner;
    throw e;
  }
}
