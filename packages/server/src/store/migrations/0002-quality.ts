/**
 * @module Migration 0002: quality reports also belong to jobs (a gate that fails keeps its report
 * while the version is discarded) and to uploaded checks (no version at all); they carry their
 * level, verdict and the whole report. Teams keep named quality rule sets.
 */
export const sql = /* sql */ `
ALTER TABLE quality_reports ALTER COLUMN dataset_version_id DROP NOT NULL;
ALTER TABLE quality_reports ADD COLUMN job_id uuid;
ALTER TABLE quality_reports ADD COLUMN source text NOT NULL DEFAULT 'version'
  CHECK (source IN ('version', 'gate', 'upload'));
ALTER TABLE quality_reports ADD COLUMN level text NOT NULL DEFAULT 'standard'
  CHECK (level IN ('basic', 'standard', 'premium'));
ALTER TABLE quality_reports ADD COLUMN passed boolean NOT NULL DEFAULT true;
ALTER TABLE quality_reports ADD COLUMN report jsonb;
ALTER TABLE quality_reports ADD CONSTRAINT quality_reports_job_fkey FOREIGN KEY (job_id)
  REFERENCES generation_jobs (job_id) ON DELETE CASCADE;
CREATE INDEX quality_reports_job_idx ON quality_reports (team_id, job_id) WHERE job_id IS NOT NULL;
CREATE INDEX quality_reports_team_idx ON quality_reports (team_id, created_at DESC);

CREATE TABLE quality_rule_sets (
  rule_set_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  -- Which datasets the rules apply to in gates: null = every dataset of the team.
  dataset_name text,
  rules jsonb NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT quality_rule_sets_name_key UNIQUE (team_id, name)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON quality_rule_sets TO tdm_app;
ALTER TABLE quality_rule_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE quality_rule_sets FORCE ROW LEVEL SECURITY;
CREATE POLICY quality_rule_sets_team_isolation ON quality_rule_sets TO tdm_app
  USING (team_id = current_setting('tdm.team_id', true))
  WITH CHECK (team_id = current_setting('tdm.team_id', true));
CREATE POLICY quality_rule_sets_owner ON quality_rule_sets TO CURRENT_USER USING (true) WITH CHECK (true);
`;
