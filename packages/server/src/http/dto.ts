/** @module Store records -> contract DTOs: dates as ISO text, internal columns left out. */
import type {
  ApiKey as ApiKeyDto,
  AuditEntry as AuditDto,
  Dataset as DatasetDto,
  DatasetVersion as VersionDto,
  SavedSchema as SchemaDto,
  SchemaVersion as SchemaVersionDto,
  Team as TeamDto,
} from '@tdm/contract';
import type {
  ApiKey,
  AuditRecord,
  Dataset,
  DatasetVersion,
  SavedSchema,
  SchemaVersion,
  Team,
} from '../store/index.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function teamDto(t: Team): TeamDto {
  return {
    teamId: t.teamId,
    teamName: t.teamName,
    config: t.config as TeamDto['config'],
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    archivedAt: isoOrNull(t.archivedAt),
  };
}

export function keyDto(k: ApiKey): ApiKeyDto {
  return {
    keyId: k.keyId,
    teamId: k.teamId,
    name: k.name,
    role: k.role,
    createdAt: iso(k.createdAt),
    expiresAt: isoOrNull(k.expiresAt),
    revokedAt: isoOrNull(k.revokedAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
  };
}

export function schemaDto(s: SavedSchema): SchemaDto {
  return {
    schemaId: s.schemaId,
    teamId: s.teamId,
    name: s.name,
    description: s.description,
    latestVersion: s.latestVersion,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

export function schemaVersionDto(v: SchemaVersion): SchemaVersionDto {
  return {
    schemaVersionId: v.schemaVersionId,
    version: v.version,
    document: v.document,
    format: v.format,
    createdAt: iso(v.createdAt),
  };
}

export function datasetDto(d: Dataset): DatasetDto {
  return {
    datasetId: d.datasetId,
    teamId: d.teamId,
    name: d.name,
    description: d.description,
    schemaId: d.schemaId,
    latestVersion: d.latestVersion,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function versionDto(v: DatasetVersion, d: Dataset): VersionDto {
  return {
    datasetVersionId: v.datasetVersionId,
    datasetId: v.datasetId,
    version: v.version,
    status: v.status === 'building' ? 'published' : v.status,
    recipe: v.recipe as VersionDto['recipe'],
    manifest: v.manifest,
    lineage: { schemaId: d.schemaId, schemaVersionId: v.recipe.schemaVersionId, jobId: v.jobId },
    createdAt: iso(v.createdAt),
    publishedAt: isoOrNull(v.publishedAt),
  };
}

export function auditDto(a: AuditRecord): AuditDto {
  return { ...a, at: iso(a.at), actorRole: a.actorRole, details: a.details };
}
