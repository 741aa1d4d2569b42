/**
 * @module Builds the packages (`tsc -b`) so the server and the CLI run from dist/, as users run
 * them. A failing build with dist/ present (someone mid-edit) is a warning, not the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function buildPackages(root: string, log: (line: string) => void): void {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, encoding: 'utf8' });
  if (r.status === 0) return;
  const built = ['core', 'contract', 'server', 'cli'].every((p) =>
    existsSync(join(root, 'packages', p, 'dist', 'index.js')),
  );
  if (!built) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  log(`warning: tsc -b reported errors; measuring what it emitted:\n${r.stdout.slice(0, 1500)}`);
}
