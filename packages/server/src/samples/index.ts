/**
 * @module Samples of real data on the platform: sealed uploads with a retention, their profiles,
 * and the mask / synthesize jobs that turn them into dataset versions.
 */
export { samplesErrorCatalogue, SampleError, isSampleError, type SampleErrorCode } from './errors.js';
export {
  getSample,
  listSamples,
  deleteSampleRow,
  type SampleRecord,
  type SampleFileRecord,
  type SampleFormat,
} from './sample-repo.js';
export { uploadSampleTable, entityName, sampleFormat, type UploadInput } from './upload.js';
export {
  SAMPLE_RETENTION_DAYS,
  sampleExpiry,
  samplePrefix,
  deleteBlobsUnder,
  deleteSample,
  purgeExpiredSamples,
  startSamplePurge,
} from './retention.js';
export { profileSample, type StoredProfile } from './profile.js';
export { teamPseudonymSecret } from './team-secret.js';
export { getSampleJob, listSampleJobs, type SampleJobRecord } from './job-repo.js';
export { createSampleJobRunner, type SampleJobRunner, type SampleJobRunnerOptions } from './job-runner.js';
export type { StoredSampleRequest } from './produce-version.js';
export { isSampleRecipe, rebuildSampleVersion, sampleVersionWithFiles } from './rebuild.js';
export { storedSampleSource } from './stored-source.js';
export { sampleRowsPage, sampleCheckInput, type RowsPage } from './stored-rows.js';
export { convertedSampleVersion, type Conversion, type ConversionHooks, type Converted } from './convert.js';
