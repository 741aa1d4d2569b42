/**
 * @module Quality routes: a version's report (JSON or a self-contained HTML page), the team's
 * reports, checks of a version or of an uploaded file (sealed in the blob store while it is
 * checked, deleted after), and the team's rule sets.
 */
import { randomUUID } from 'node:crypto';
import { routes } from '@tdm/contract';
import { parseSchema, qualityReportHtml, type Manifest, type QualityReport, type SchemaDoc } from '@tdm/core';
import type { FastifyReply } from 'fastify';
import { ServerError } from '../../errors.js';
import type { JobRecipe } from '../../jobs/recipe.js';
import { schemaOfRecipe } from '../../jobs/recipe.js';
import {
  assembleRules,
  checkData,
  checkRulesDoc,
  gateLevel,
  reportDto,
  ruleSetsFor,
  schemaForUpload,
  sealUpload,
  storeReport,
  uploadFormat,
  uploadSource,
  versionSource,
} from '../../quality/index.js';
import {
  createQualityRuleSet,
  deleteQualityRuleSet,
  getDataset,
  getDatasetVersion,
  getQualityReport,
  getQualityRuleSet,
  getSchemaVersion,
  listQualityReports,
  listQualityRuleSets,
  listTeamQualityReports,
  updateQualityRuleSet,
  type QualityReport as StoredReport,
  type QualityRuleSet,
} from '../../store/index.js';
import { isSampleRecipe, sampleCheckInput } from '../../samples/index.js';
import { mount, type Mount } from '../register.js';

/** Default cap of an uploaded dataset (TDM_UPLOAD_MAX_BYTES overrides it). */
export const UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

function ruleSetDto(r: QualityRuleSet) {
  return {
    ruleSetId: r.ruleSetId,
    teamId: r.teamId,
    name: r.name,
    description: r.description,
    datasetName: r.datasetName,
    rules: r.rules,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** JSON by default; `output=html` answers the self-contained page (no scripts, CSP says so). */
function answer(r: StoredReport, output: 'json' | 'html', reply: FastifyReply) {
  if (output === 'html' && r.report) {
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return qualityReportHtml(
      r.report as unknown as QualityReport,
      `tdm quality report ${r.reportId}`,
    ) as never;
  }
  return reportDto(r);
}

export function mountQuality(m: Mount, options: { uploadMaxBytes?: number } = {}): void {
  const { db, blobs } = m.deps;

  mount(m, routes.versionQuality, async ({ params, query, reply }) => {
    const v = await getDatasetVersion(db, params.teamId, params.datasetId, params.version);
    const [latest] = await listQualityReports(db, params.teamId, v.datasetVersionId);
    if (!latest) {
      throw new ServerError('STORE_NOT_FOUND', `version ${params.version} has no quality report yet`, {
        suggestedActions: ['POST /api/v1/teams/{teamId}/quality/check with the dataset id and version.'],
        details: { datasetId: params.datasetId, version: params.version },
      });
    }
    return answer(latest, query.output, reply);
  });

  mount(m, routes.listQualityReports, async ({ params, query }) => ({
    reports: (
      await listTeamQualityReports(db, params.teamId, {
        ...(query.jobId ? { jobId: query.jobId } : {}),
        ...(query.datasetVersionId ? { datasetVersionId: query.datasetVersionId } : {}),
        limit: query.limit,
      })
    ).map(reportDto),
  }));

  mount(m, routes.getQualityReport, async ({ params, query, reply }) =>
    answer(await getQualityReport(db, params.teamId, params.reportId), query.output, reply),
  );

  mount(m, routes.checkQuality, async ({ params, body, audit, reply }) => {
    const teamId = params.teamId;
    const [d, v] = await Promise.all([
      getDataset(db, teamId, body.datasetId),
      getDatasetVersion(db, teamId, body.datasetId, body.version),
    ]);
    const recipe = v.recipe as JobRecipe;
    // A version made from a sample is checked on its stored files, with rules inferred from them.
    const fromSample = isSampleRecipe(recipe) ? await sampleCheckInput({ db, blobs }, v) : null;
    const doc = fromSample?.doc ?? (await schemaOfRecipe(db, teamId, recipe));
    const level = body.level ?? gateLevel(recipe, doc);
    const now = Date.parse(recipe.now);
    const rules = assembleRules({
      doc,
      level,
      derive: body.derive,
      ruleSets: await ruleSetsFor(db, teamId, {
        datasetName: d.name,
        ...(body.ruleSetIds ? { ids: body.ruleSetIds } : {}),
      }),
      ...(body.rules === undefined ? {} : { extra: body.rules }),
      ...(Number.isFinite(now) ? { now } : {}),
    });
    const { source, read } = fromSample
      ? { source: fromSample.source, read: 'stored' as const }
      : await versionSource(
          { db, blobs },
          {
            teamId,
            datasetId: v.datasetId,
            version: v.version,
            recipe,
            manifest: v.manifest as unknown as Manifest,
          },
          doc,
          { regenerate: v.status === 'evicted' },
        );
    const checked = await checkData(source, rules, {
      ...(Number.isFinite(now) ? { now } : {}),
      signal: abortOnClose(reply),
    });
    const stored = await storeReport(db, teamId, checked, {
      source: 'version',
      datasetVersionId: v.datasetVersionId,
    });
    audit.details = {
      datasetId: v.datasetId,
      version: v.version,
      reportId: stored.reportId,
      level,
      passed: stored.passed,
      read,
    };
    return reportDto(stored);
  });

  // The upload's body is the file itself: this route alone reads it raw (no JSON parsing, no
  // buffering), so it lives in its own context with a pass-through content-type parser.
  void m.app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    mountUpload({ ...m, app: child }, options.uploadMaxBytes ?? UPLOAD_MAX_BYTES);
  });

  mount(m, routes.createQualityRuleSet, async ({ params, body, audit }) => {
    checkRulesDoc(body.rules, 'rules');
    const r = await createQualityRuleSet(db, params.teamId, body);
    audit.details = { ruleSetId: r.ruleSetId, name: r.name };
    return ruleSetDto(r);
  });
  mount(m, routes.listQualityRuleSets, async ({ params }) => ({
    ruleSets: (await listQualityRuleSets(db, params.teamId)).map(ruleSetDto),
  }));
  mount(m, routes.getQualityRuleSet, async ({ params }) =>
    ruleSetDto(await getQualityRuleSet(db, params.teamId, params.ruleSetId)),
  );
  mount(m, routes.updateQualityRuleSet, async ({ params, body, audit }) => {
    checkRulesDoc(body.rules, 'rules');
    const r = await updateQualityRuleSet(db, params.teamId, params.ruleSetId, body);
    audit.details = { ruleSetId: r.ruleSetId, name: r.name };
    return ruleSetDto(r);
  });
  mount(m, routes.deleteQualityRuleSet, async ({ params, audit }) => {
    await deleteQualityRuleSet(db, params.teamId, params.ruleSetId);
    audit.details = { ruleSetId: params.ruleSetId };
    return {};
  });
}

function mountUpload(m: Mount, maxBytes: number): void {
  const { db, blobs } = m.deps;
  mount(m, routes.checkQualityUpload, async ({ params, query, req, reply, audit }) => {
    const teamId = params.teamId;
    const format = uploadFormat(query.format, req.headers['content-type']);
    const entity = query.entity ?? 'data';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(entity)) {
      throw new ServerError(
        'QUALITY_UPLOAD_INVALID',
        `entity "${entity.slice(0, 60)}" is not a valid entity name`,
        {
          details: { path: 'entity', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$' },
        },
      );
    }
    let doc: SchemaDoc | undefined;
    if (query.schemaId) doc = parseSchema((await getSchemaVersion(db, teamId, query.schemaId)).document);
    const key = `uploads/${randomUUID()}/${entity}.${format}`;
    const bytes = await sealUpload(blobs, teamId, key, req.raw, maxBytes);
    try {
      const source = await uploadSource(
        blobs,
        teamId,
        { key, entity, format, file: `${entity}.${format}`, bytes },
        doc,
      );
      const schema = await schemaForUpload(source, doc);
      const level = query.level ?? schema.quality?.level ?? 'standard';
      const rules = assembleRules({
        doc: schema,
        level,
        ruleSets: await ruleSetsFor(db, teamId, {
          ...(query.ruleSetIds
            ? {
                ids: query.ruleSetIds
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
        }),
      });
      const checked = await checkData(source, rules, { signal: abortOnClose(reply) });
      // Every rule holds vacuously over no rows: a header-only file would pass at any level.
      if (checked.report.entities.every((e) => e.rows === 0)) {
        throw new ServerError(
          'QUALITY_UPLOAD_INVALID',
          `the uploaded ${format} file has no data rows to check (every rule would pass on nothing)`,
          {
            details: { entity, format, bytes },
            suggestedActions: ['Send a file with at least one data row (below the header, for CSV/TSV).'],
          },
        );
      }
      const stored = await storeReport(db, teamId, checked, { source: 'upload' });
      audit.details = {
        entity,
        format,
        bytes,
        reportId: stored.reportId,
        level,
        passed: stored.passed,
        inferred: !doc,
      };
      return reportDto(stored);
    } finally {
      await blobs.deleteBlob(teamId, key).catch(() => undefined);
    }
  });
}

/** Aborts the check when the client goes away (the work would be thrown away). */
function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  // The response closes before it is sent only when the client went away.
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded)
      controller.abort(new ServerError('REQUEST_INVALID', 'the client closed the request'));
  });
  return controller.signal;
}
