/**
 * @module `tdm admin rotate-master-key`: re-seals every team data key under a new master key
 * (TDM_NEW_MASTER_KEY, or a generated one written to the key file). Prints how many keys were
 * re-sealed and the key ids, never a key.
 */
import { Option, type Command } from 'commander';
import type { Io } from '../io.js';

export interface RotateFlags {
  dataDir?: string;
  output: string;
}

/** The handler: returns what the rotation did (the caller prints it). */
export async function rotateMasterKeyCommand(flags: RotateFlags) {
  const { adminRotateMasterKey, loadServerConfig } = await import('@tdm/server');
  const config = loadServerConfig(process.env, flags.dataDir ? { dataDir: flags.dataDir } : {});
  return adminRotateMasterKey(config);
}

/** Adds `rotate-master-key` to the `tdm admin` command. */
export function registerAdminRotate(admin: Command, io: Io): void {
  admin
    .command('rotate-master-key')
    .description(
      're-seal every team data key under a new master key (TDM_NEW_MASTER_KEY or generated); stop the server first',
    )
    .option('--data-dir <dir>', 'data directory (default TDM_HOME or .tdm; DATABASE_URL wins for the store)')
    .addOption(new Option('--output <style>', 'result style').choices(['text', 'json']).default('text'))
    .action(async (flags: RotateFlags) => {
      const r = await rotateMasterKeyCommand(flags);
      if (flags.output === 'json') {
        io.out(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      const where =
        r.keyLocation === 'file'
          ? `the new key is in ${r.keyFile}`
          : 'set TDM_MASTER_KEY to the value of TDM_NEW_MASTER_KEY before the next start';
      io.out(
        `${r.resumed ? 'finished an interrupted rotation: ' : ''}re-sealed ${r.resealed} data key(s) from master key ${r.oldKeyId} to ${r.newKeyId}; ${where}\n`,
      );
    });
}
