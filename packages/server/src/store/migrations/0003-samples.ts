/**
 * @module Migration 0003: samples of real data a team uploads (files sealed in the blob store, kept
 * until their expiry), the jobs that profile, mask or synthesize them into dataset versions, and
 * per-team secrets (the pseudonymization key), stored sealed.
 */
export const sql = /* sql */ `
CREATE TABLE samples (
  sample_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  bytes bigint NOT NULL DEFAULT 0 CHECK (bytes >= 0),
  -- Rows per entity and column patterns, known once the sample is profiled.
  rows bigint CHECK (rows >= 0),
  profile jsonb,
  profiled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Real data is kept only this long (the team's sample retention): then files and row go.
  expires_at timestamptz NOT NULL,
  CONSTRAINT samples_team_name_key UNIQUE (team_id, name),
  CONSTRAINT samples_team_id_key UNIQUE (team_id, sample_id),
  CONSTRAINT samples_expiry CHECK (expires_at > created_at)
);
CREATE INDEX samples_expiry_idx ON samples (expires_at);

CREATE TABLE sample_files (
  team_id text NOT NULL,
  sample_id uuid NOT NULL,
  entity text NOT NULL CHECK (entity ~ '^[A-Za-z_][A-Za-z0-9_]{0,62}$'),
  format text NOT NULL CHECK (format IN ('csv', 'tsv', 'json', 'ndjson')),
  blob_key text NOT NULL,
  bytes bigint NOT NULL CHECK (bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sample_files_pkey PRIMARY KEY (sample_id, entity),
  CONSTRAINT sample_files_sample_fkey FOREIGN KEY (team_id, sample_id)
    REFERENCES samples (team_id, sample_id) ON DELETE CASCADE
);

CREATE TABLE sample_jobs (
  job_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  -- Kept when the sample expires: the job and its version outlive the real data.
  sample_id uuid,
  kind text NOT NULL CHECK (kind IN ('mask', 'synthesize')),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_done bigint NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  rows_total bigint CHECK (rows_total >= 0),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  request jsonb NOT NULL,
  dataset_id uuid,
  dataset_version_id uuid,
  error_code text,
  error_message text,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  ended_at timestamptz,
  CONSTRAINT sample_jobs_sample_fkey FOREIGN KEY (team_id, sample_id)
    REFERENCES samples (team_id, sample_id) ON DELETE SET NULL (sample_id),
  CONSTRAINT sample_jobs_dataset_fkey FOREIGN KEY (team_id, dataset_id)
    REFERENCES datasets (team_id, dataset_id) ON DELETE CASCADE,
  CONSTRAINT sample_jobs_version_fkey FOREIGN KEY (team_id, dataset_version_id)
    REFERENCES dataset_versions (team_id, dataset_version_id) ON DELETE SET NULL (dataset_version_id)
);
CREATE INDEX sample_jobs_team_idx ON sample_jobs (team_id, created_at DESC);
CREATE INDEX sample_jobs_open_idx ON sample_jobs (status, created_at) WHERE status IN ('pending', 'running');

CREATE TABLE team_secrets (
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
  -- The secret lives in a sealed blob (AES-256-GCM under the team's data key); never here.
  blob_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT team_secrets_pkey PRIMARY KEY (team_id, name)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON samples, sample_files, sample_jobs TO tdm_app;
GRANT SELECT, INSERT ON team_secrets TO tdm_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['samples', 'sample_files', 'sample_jobs', 'team_secrets'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I TO tdm_app USING (team_id = current_setting(''tdm.team_id'', true)) '
      'WITH CHECK (team_id = current_setting(''tdm.team_id'', true))', t || '_team_isolation', t);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
  END LOOP;
END $$;
`;
