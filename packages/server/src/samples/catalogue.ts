/**
 * @module The codes of sample uploads and sample jobs, in the catalogue's shape (merged into the
 * server's catalogue, thrown as ServerError). Their names fall in the edge's status families
 * (`_NOT_FOUND` 404, `_REQUEST_INVALID` 400, `_CONFLICT` and `_STATE_INVALID` 409), so they answer
 * the right status without a table entry of their own.
 */
export const samplesErrorCatalogue = {
  SAMPLE_NOT_FOUND: {
    category: 'synth',
    action: 'Check the sample id; samples are deleted when their retention ends (see expiresAt).',
  },
  SAMPLE_REQUEST_INVALID: {
    category: 'synth',
    action: 'Fix the parameter named in the message and send the request again.',
  },
  SAMPLE_CONFLICT: {
    category: 'synth',
    action: 'Upload the entity under another name, or delete the sample and upload it again.',
  },
  SAMPLE_JOB_NOT_FOUND: { category: 'synth', action: 'Check the job id; it must belong to your team.' },
  SAMPLE_JOB_STATE_INVALID: { category: 'synth', action: 'Reload the job: it has already ended.' },
  SAMPLE_VERSION_STATE_INVALID: {
    category: 'synth',
    action: 'Upload the sample again and run a new job; keep versions made from samples unevicted.',
  },
} as const;

export type SampleErrorCode = keyof typeof samplesErrorCatalogue;
