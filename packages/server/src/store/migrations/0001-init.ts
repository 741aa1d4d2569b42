/**
 * @module Migration 0001: the application role, the platform's tables, their indexes, grants and
 * row-level security. Plain SQL kept as a string module so tsc ships it in dist.
 */
export const sql = /* sql */ `
-- Roles are cluster-wide: several databases (and concurrent first starts) may race to create it.
DO $$ BEGIN
  CREATE ROLE tdm_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- A non-superuser connecting role must be a member of tdm_app to SET ROLE to it.
DO $$ BEGIN
  IF NOT pg_has_role(current_user, 'tdm_app', 'MEMBER') THEN
    EXECUTE format('GRANT tdm_app TO %I', current_user);
  END IF;
END $$;

CREATE TABLE teams (
  team_id text PRIMARY KEY CONSTRAINT teams_team_id_format CHECK (team_id ~ '^[a-z0-9][a-z0-9-]{1,48}$'),
  team_name text NOT NULL CONSTRAINT teams_team_name_length CHECK (char_length(team_name) BETWEEN 1 AND 200),
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);

CREATE TABLE api_keys (
  key_id text PRIMARY KEY CONSTRAINT api_keys_key_id_length CHECK (char_length(key_id) BETWEEN 1 AND 100),
  team_id text REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('read', 'write', 'admin', 'platform-admin')),
  hash text NOT NULL CONSTRAINT api_keys_hash_key UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  -- Platform-admin keys belong to no team; every other key to exactly one.
  CONSTRAINT api_keys_team_role CHECK ((role = 'platform-admin') = (team_id IS NULL))
);
CREATE INDEX api_keys_team_idx ON api_keys (team_id, created_at);

CREATE TABLE team_data_keys (
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  key_id text NOT NULL CHECK (char_length(key_id) BETWEEN 1 AND 100),
  sealed_key bytea NOT NULL,
  master_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  CONSTRAINT team_data_keys_pkey PRIMARY KEY (team_id, key_id)
);
-- At most one active (unretired) data key per team.
CREATE UNIQUE INDEX team_data_keys_active_idx ON team_data_keys (team_id) WHERE retired_at IS NULL;

CREATE TABLE schemas (
  schema_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text,
  latest_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  CONSTRAINT schemas_team_name_key UNIQUE (team_id, name),
  -- Children reference (team_id, schema_id): a row can never point at another team's schema.
  CONSTRAINT schemas_team_id_key UNIQUE (team_id, schema_id)
);

CREATE TABLE schema_versions (
  schema_version_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL,
  schema_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  document text NOT NULL,
  format text NOT NULL CHECK (format IN ('yaml', 'json')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT schema_versions_schema_fkey FOREIGN KEY (team_id, schema_id)
    REFERENCES schemas (team_id, schema_id) ON DELETE CASCADE,
  CONSTRAINT schema_versions_version_key UNIQUE (schema_id, version),
  CONSTRAINT schema_versions_team_id_key UNIQUE (team_id, schema_version_id)
);

CREATE TABLE datasets (
  dataset_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text,
  schema_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  CONSTRAINT datasets_team_name_key UNIQUE (team_id, name),
  CONSTRAINT datasets_team_id_key UNIQUE (team_id, dataset_id),
  CONSTRAINT datasets_schema_fkey FOREIGN KEY (team_id, schema_id) REFERENCES schemas (team_id, schema_id)
);

CREATE TABLE dataset_versions (
  dataset_version_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL,
  dataset_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL DEFAULT 'building' CHECK (status IN ('building', 'published', 'archived', 'evicted')),
  recipe jsonb NOT NULL,
  manifest jsonb,
  blob_keys jsonb NOT NULL DEFAULT '[]'::jsonb,
  job_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  -- Only a published (or later archived/evicted) version has a publication time and a manifest.
  CONSTRAINT dataset_versions_published CHECK (
    (status = 'building') = (published_at IS NULL) AND (status = 'building' OR manifest IS NOT NULL)
  ),
  CONSTRAINT dataset_versions_dataset_fkey FOREIGN KEY (team_id, dataset_id)
    REFERENCES datasets (team_id, dataset_id) ON DELETE CASCADE,
  CONSTRAINT dataset_versions_version_key UNIQUE (dataset_id, version),
  CONSTRAINT dataset_versions_team_id_key UNIQUE (team_id, dataset_version_id)
);
CREATE INDEX dataset_versions_listing_idx ON dataset_versions (team_id, dataset_id, status, version DESC);

CREATE TABLE generation_jobs (
  job_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  dataset_id uuid,
  dataset_version_id uuid,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_done bigint NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  rows_total bigint CHECK (rows_total >= 0),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  error_code text,
  error_message text,
  request jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  ended_at timestamptz,
  CONSTRAINT generation_jobs_dataset_fkey FOREIGN KEY (team_id, dataset_id)
    REFERENCES datasets (team_id, dataset_id) ON DELETE CASCADE,
  CONSTRAINT generation_jobs_version_fkey FOREIGN KEY (team_id, dataset_version_id)
    REFERENCES dataset_versions (team_id, dataset_version_id) ON DELETE SET NULL (dataset_version_id)
);
CREATE INDEX generation_jobs_team_idx ON generation_jobs (team_id, created_at DESC);
CREATE INDEX generation_jobs_status_idx ON generation_jobs (status, created_at) WHERE status IN ('pending', 'running');

CREATE TABLE quality_reports (
  report_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL,
  dataset_version_id uuid NOT NULL,
  metrics jsonb NOT NULL,
  results jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quality_reports_version_fkey FOREIGN KEY (team_id, dataset_version_id)
    REFERENCES dataset_versions (team_id, dataset_version_id) ON DELETE CASCADE
);
CREATE INDEX quality_reports_version_idx ON quality_reports (team_id, dataset_version_id, created_at DESC);

-- No foreign key to teams: the audit trail outlives a deleted team.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  team_id text,
  actor text NOT NULL,
  actor_role text,
  action text NOT NULL,
  resource text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  request_id text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_team_idx ON audit_log (team_id, at DESC, id DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);

-- The app role gets only what team-scoped work needs: teams and keys are created by platform
-- admins, schema versions and audit records are append-only.
GRANT SELECT, UPDATE ON teams TO tdm_app;
GRANT SELECT, INSERT, UPDATE ON api_keys, team_data_keys TO tdm_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON schemas, datasets, dataset_versions, generation_jobs, quality_reports TO tdm_app;
GRANT SELECT, INSERT ON schema_versions, audit_log TO tdm_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO tdm_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'api_keys', 'team_data_keys', 'schemas', 'schema_versions', 'datasets',
    'dataset_versions', 'generation_jobs', 'quality_reports', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I TO tdm_app USING (team_id = current_setting(''tdm.team_id'', true)) '
      'WITH CHECK (team_id = current_setting(''tdm.team_id'', true))', t || '_team_isolation', t);
    -- FORCE applies RLS to the owner too; the owner (the migrating role) is the admin path.
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
  END LOOP;
END $$;
`;
