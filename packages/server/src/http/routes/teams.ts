/** @module Team routes: platform admins create, list and delete teams; team admins update their own. */
import { routes } from '@tdm/contract';
import { ServerError } from '../../errors.js';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  setTeamArchived,
  updateTeam,
} from '../../store/index.js';
import { teamDto } from '../dto.js';
import { mount, type Mount } from '../register.js';

export function mountTeams(m: Mount): void {
  const db = m.deps.db;
  mount(m, routes.listTeams, async () => ({
    teams: (await listTeams(db, { includeArchived: true })).map(teamDto),
  }));
  mount(m, routes.createTeam, async ({ body, audit }) => {
    const { teamId, teamName, ...config } = body;
    audit.teamId = teamId;
    return teamDto(await createTeam(db, { teamId, teamName, config }));
  });
  mount(m, routes.getTeam, async ({ params }) => teamDto(await getTeam(db, params.teamId)));
  mount(m, routes.updateTeam, async ({ params, body, principal }) => {
    const { teamName, archived, ...settings } = body;
    if (archived !== undefined && principal?.role !== 'platform-admin') {
      throw new ServerError('AUTH_FORBIDDEN', 'only platform admins archive or restore teams');
    }
    const current = await getTeam(db, params.teamId);
    // PATCH merges the settings given into the stored ones, one top-level key at a time.
    const changed = Object.keys(settings).length > 0;
    let team = await updateTeam(db, params.teamId, {
      ...(teamName === undefined ? {} : { teamName }),
      ...(changed ? { config: { ...current.config, ...settings } } : {}),
    });
    if (archived !== undefined) team = await setTeamArchived(db, params.teamId, archived);
    return teamDto(team);
  });
  mount(m, routes.deleteTeam, async ({ params }) => {
    await deleteTeam(db, params.teamId);
    return {};
  });
}
