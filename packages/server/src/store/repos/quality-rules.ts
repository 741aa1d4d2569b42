/**
 * @module A team's quality rule sets: named sets of rules (core's QualityRules input, validated by
 * the caller) that the gate of every job of the team adds to the rules derived from its schema.
 */
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, checkOptionalText, checkText, json, notFound } from '../validate.js';
import { date, str, strOrNull } from './columns.js';

export interface QualityRuleSet {
  ruleSetId: string;
  teamId: string;
  name: string;
  description: string | null;
  /** The dataset (by name) whose jobs apply the set; null applies it to every dataset. */
  datasetName: string | null;
  rules: Record<string, unknown>;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface QualityRuleSetInput {
  name: string;
  description?: string | null;
  datasetName?: string | null;
  rules: Record<string, unknown>;
  enabled?: boolean;
}

const COLS = 'rule_set_id, team_id, name, description, dataset_name, rules, enabled, created_at, updated_at';
const CONFLICT = (name: string): Record<string, ['STORE_CONFLICT', string]> => ({
  quality_rule_sets_name_key: ['STORE_CONFLICT', `a quality rule set named "${name}" already exists`],
});

function toRuleSet(r: Row): QualityRuleSet {
  return {
    ruleSetId: str(r.rule_set_id),
    teamId: str(r.team_id),
    name: str(r.name),
    description: strOrNull(r.description),
    datasetName: strOrNull(r.dataset_name),
    rules: (r.rules ?? {}) as Record<string, unknown>,
    enabled: r.enabled === true,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export async function createQualityRuleSet(
  db: Db,
  teamId: string,
  input: QualityRuleSetInput,
): Promise<QualityRuleSet> {
  const name = checkText(input.name, 'name');
  try {
    const [row] = await db.withTeam(teamId, (tx) =>
      tx.query(
        `INSERT INTO quality_rule_sets (team_id, name, description, dataset_name, rules, enabled)
           VALUES ($1, $2, $3, $4, $5::text::jsonb, $6) RETURNING ${COLS}`,
        [
          teamId,
          name,
          checkOptionalText(input.description, 'description'),
          checkOptionalText(input.datasetName, 'datasetName', 200),
          json(input.rules),
          input.enabled ?? true,
        ],
      ),
    );
    return toRuleSet(row as Row);
  } catch (e) {
    return refine(e, CONFLICT(name), teamId);
  }
}

export async function listQualityRuleSets(
  db: Db,
  teamId: string,
  filter: { datasetName?: string; enabledOnly?: boolean } = {},
): Promise<QualityRuleSet[]> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM quality_rule_sets
         WHERE team_id = $1
           AND ($2::text IS NULL OR dataset_name IS NULL OR dataset_name = $2)
           AND (NOT $3::boolean OR enabled)
         ORDER BY name`,
      [teamId, filter.datasetName ?? null, filter.enabledOnly ?? false],
    ),
  );
  return rows.map(toRuleSet);
}

export async function getQualityRuleSet(db: Db, teamId: string, ruleSetId: string): Promise<QualityRuleSet> {
  const id = checkId(ruleSetId, 'quality rule set');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM quality_rule_sets WHERE team_id = $1 AND rule_set_id = $2`, [teamId, id]),
  );
  if (!rows[0]) throw notFound('quality rule set', ruleSetId);
  return toRuleSet(rows[0]);
}

/** Replaces a set's fields (PUT semantics: what is not given is reset to its default). */
export async function updateQualityRuleSet(
  db: Db,
  teamId: string,
  ruleSetId: string,
  input: QualityRuleSetInput,
): Promise<QualityRuleSet> {
  const id = checkId(ruleSetId, 'quality rule set');
  const name = checkText(input.name, 'name');
  try {
    const rows = await db.withTeam(teamId, (tx) =>
      tx.query(
        `UPDATE quality_rule_sets
            SET name = $3, description = $4, dataset_name = $5, rules = $6::text::jsonb, enabled = $7,
                updated_at = now()
          WHERE team_id = $1 AND rule_set_id = $2 RETURNING ${COLS}`,
        [
          teamId,
          id,
          name,
          checkOptionalText(input.description, 'description'),
          checkOptionalText(input.datasetName, 'datasetName', 200),
          json(input.rules),
          input.enabled ?? true,
        ],
      ),
    );
    if (!rows[0]) throw notFound('quality rule set', ruleSetId);
    return toRuleSet(rows[0]);
  } catch (e) {
    return refine(e, CONFLICT(name), teamId);
  }
}

export async function deleteQualityRuleSet(db: Db, teamId: string, ruleSetId: string): Promise<void> {
  const id = checkId(ruleSetId, 'quality rule set');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`DELETE FROM quality_rule_sets WHERE team_id = $1 AND rule_set_id = $2 RETURNING rule_set_id`, [
      teamId,
      id,
    ]),
  );
  if (!rows[0]) throw notFound('quality rule set', ruleSetId);
}
