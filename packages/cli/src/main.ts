/**
 * @module The tdm command line: a thin command table over @tdm/core. Handlers are loaded lazily,
 * return data, and one top-level catch turns coded errors into one line and an exit code.
 */
import { Command, CommanderError, Option } from 'commander';
import { ENGINE_VERSION, formatNames, isTdmError, type Problem } from '@tdm/core';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { countFlag, instantFlag, intFlag, positiveNumberFlag } from './flags.js';
import { processIo, type Io } from './io.js';
import {
  GENERATE_REMOTE_HELP,
  isRemote,
  keyOption,
  localOption,
  PREVIEW_IS_LOCAL,
  serverOption,
  type ValidateFlags,
} from './remote-options.js';
import { renderTable } from './table.js';
import { usageError } from './usage-error.js';
import { registerQualityCommand } from './commands/quality.js';
import { registerAdminRotate } from './commands/admin-rotate.js';
import { registerProfileCommand } from './commands/profile.js';
import { registerDetectPiiCommand } from './commands/detect-pii.js';
import { registerMaskCommand } from './commands/mask.js';
import { registerSynthesizeCommand } from './commands/synthesize.js';
import { registerCompareCommand } from './commands/compare.js';

function problemLines(problems: Problem[]): string {
  return problems.map((p) => `  ${p.code}  ${p.message}\n      fix: ${p.suggestion}\n`).join('');
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('tdm')
    .description('tdm: realistic, referentially consistent test data from a schema')
    .version(`tdm engine ${ENGINE_VERSION}`, '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Parse errors are printed by main's catch, as one coded line and a fix (usage-error.ts).
      outputError: () => {},
    });

  program
    .command('generate')
    .description('generate a dataset from a schema into a directory')
    .argument('<schema>', 'schema file (YAML or JSON)')
    .option('-o, --out <dir>', 'output directory (required unless --no-download)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatNames).default('csv'))
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(['postgres', 'mysql', 'sqlite']))
    .option('--copy', 'postgres: COPY blocks instead of INSERTs')
    .option(
      '--batch-size <n>',
      'sql: rows per INSERT statement (default 500)',
      intFlag('--batch-size', 1, 100_000),
    )
    .option(
      '--row-group-rows <n>',
      'parquet: rows per row group (default 65536)',
      intFlag('--row-group-rows', 1, 10_000_000),
    )
    .option('--seed <int>', 'dataset seed', intFlag('--seed', -(2 ** 31), 2 ** 32 - 1))
    .option('--scale <x>', 'multiply every fixed count', positiveNumberFlag('--scale', 1e6))
    .option(
      '--workers <n>',
      'generating threads, the main one included (2 = main + 1 worker)',
      intFlag('--workers', 1, 64),
      1,
    )
    .option('--gzip', 'gzip every data file')
    .option(
      '--now <iso>',
      'the instant relative dates count from (default: today 00:00 UTC)',
      instantFlag('--now'),
    )
    .option('--locale <code>', 'faker locale (overrides the schema)')
    .option('--count <entity=rows>', 'override an entity’s row count (repeatable)', countFlag)
    .option('--engine-version <v>', 'pin the engine version')
    .option('-q, --quiet', 'no progress output')
    .addOption(new Option('--output <style>', 'result style').choices(['text', 'json']).default('text'))
    .addOption(serverOption())
    .addOption(keyOption())
    .option('--team <teamId>', 'remote: the team to run in (platform-admin keys; default the key’s team)')
    .option('--dataset <name>', 'remote: the dataset the new version joins (default the schema name)')
    .option('--no-download', 'remote: leave the files on the server; print the dataset and version')
    .addOption(localOption())
    .addHelpText('after', GENERATE_REMOTE_HELP)
    .action(async (schema: string, flags, cmd: Command) => {
      if (isRemote(flags)) {
        const { runRemoteGenerate } = await import('./commands/remote-generate.js');
        return io.out(
          await runRemoteGenerate(schema, flags, io, (f) => cmd.getOptionValueSource(f) === 'cli'),
        );
      }
      const { generate } = await import('./commands/generate.js');
      const ds = await generate(schema, flags, io);
      if (flags.output === 'json') io.out(JSON.stringify(ds.manifest, null, 2) + '\n');
      else {
        const m = ds.manifest;
        const lines = Object.entries(m.entities).map(
          ([name, e]) =>
            `  ${name}: ${e.rows} rows${e.files.map((f) => `  ${f.name} (${f.bytes} bytes)`).join('')}`,
        );
        io.out(
          `generated ${m.totalRows} rows into ${flags.out} (${m.format}${m.gzip ? ', gzip' : ''}, seed ${m.seed})\n${lines.join('\n')}\n${m.files.map((f) => `  ${f.name} (${f.bytes} bytes)`).join('\n')}${m.files.length ? '\n' : ''}`,
        );
      }
    });

  program
    .command('validate')
    .description('check a schema and list every problem (exit 1 when invalid)')
    .argument('<schema>', 'schema file (YAML or JSON)')
    .option(
      '--now <iso>',
      'the instant relative dates count from (default: today 00:00 UTC)',
      instantFlag('--now'),
    )
    .addOption(new Option('--output <style>', 'result style').choices(['text', 'json']).default('text'))
    .addOption(serverOption())
    .addOption(keyOption())
    .addOption(localOption())
    .action(async (schema: string, flags: ValidateFlags) => {
      const { validate } = await import('./commands/validate.js');
      const result = isRemote(flags)
        ? await (await import('./commands/remote-validate.js')).remoteValidate(schema, flags, io)
        : await validate(schema, flags.now);
      if (flags.output === 'json') io.out(JSON.stringify(result, null, 2) + '\n');
      else if (result.valid) {
        const counts = Object.entries(result.rowCounts ?? {})
          .map(([e, n]) => `${e}: ${n}`)
          .join(', ');
        io.out(`${schema} is valid (${counts})\n`);
      } else io.out(`${schema}: ${result.problems.length} problem(s)\n${problemLines(result.problems)}`);
      setExit(result.valid ? ExitCode.OK : ExitCode.INVALID);
    });

  program
    .command('preview')
    .description('print the first rows of each entity as a table')
    .argument('<schema>', 'schema file (YAML or JSON)')
    .option('-e, --entity <name>', 'only this entity')
    .option('-n, --rows <n>', 'rows per entity', intFlag('--rows', 1, 1000), 10)
    .option('--seed <int>', 'dataset seed', intFlag('--seed', -(2 ** 31), 2 ** 32 - 1))
    .option('--now <iso>', 'the instant relative dates count from', instantFlag('--now'))
    .addOption(serverOption().hideHelp())
    .addOption(keyOption().hideHelp())
    .addHelpText('after', PREVIEW_IS_LOCAL)
    .action(async (schema: string, flags) => {
      if (flags.server) io.err('tdm: note: preview runs locally (the server has no preview endpoint)\n');
      const { preview } = await import('./commands/preview.js');
      for (const p of await preview(schema, flags)) {
        io.out(`${p.entity} (${p.rowCount} rows)\n${renderTable(p.columns, p.rows)}\n`);
      }
    });

  program
    .command('serve')
    .description(
      'run the platform: REST API, dashboard API docs, job workers (embedded store unless DATABASE_URL)',
    )
    .option('-p, --port <n>', 'port (default PORT or 8080; 0 picks a free one)', intFlag('--port', 0, 65535))
    .option('--host <addr>', 'address to listen on (default TDM_HOST or 127.0.0.1)')
    .option('--data-dir <dir>', 'data directory: embedded store, keys (default TDM_HOME or .tdm)')
    .action(async (flags: { port?: number; host?: string; dataDir?: string }) => {
      const { serve } = await import('./commands/serve.js');
      await serve(flags, io, ENGINE_VERSION);
    });

  const admin = program
    .command('admin')
    .description('administer the platform’s store directly (no server needed)');
  admin
    .command('create-team')
    .description('create a team')
    .argument('<teamId>', 'team id: lowercase letters, digits and "-"')
    .requiredOption('--name <name>', 'display name')
    .option('--data-dir <dir>', 'data directory (default TDM_HOME or .tdm; DATABASE_URL wins)')
    .action(async (teamId: string, flags: { name: string; dataDir?: string }) => {
      const { adminCreateTeam, loadServerConfig } = await import('@tdm/server');
      const config = loadServerConfig(process.env, flags.dataDir ? { dataDir: flags.dataDir } : {});
      const team = await adminCreateTeam(config, { teamId, teamName: flags.name });
      io.out(`created team ${team.teamId} (${team.teamName})\n`);
    });
  admin
    .command('create-key')
    .description('issue an API key (printed once; stored hashed)')
    .option('--team <teamId>', 'the key’s team (not for platform-admin keys)')
    .requiredOption('--role <role>', 'read, write, admin or platform-admin')
    .option('--name <name>', 'what the key is for', 'cli')
    .option('--expires <iso>', 'expiry instant', instantFlag('--expires'))
    .option('--data-dir <dir>', 'data directory (default TDM_HOME or .tdm; DATABASE_URL wins)')
    .addOption(new Option('--output <style>', 'result style').choices(['text', 'json']).default('text'))
    .action(
      async (flags: {
        team?: string;
        role: string;
        name: string;
        expires?: number;
        dataDir?: string;
        output: string;
      }) => {
        const { adminCreateKey, loadServerConfig } = await import('@tdm/server');
        const config = loadServerConfig(process.env, flags.dataDir ? { dataDir: flags.dataDir } : {});
        const issued = await adminCreateKey(config, {
          teamId: flags.team,
          role: flags.role,
          name: flags.name,
          ...(flags.expires !== undefined ? { expiresAt: new Date(flags.expires) } : {}),
        });
        if (flags.output === 'json') io.out(JSON.stringify(issued, null, 2) + '\n');
        else
          io.out(
            `${issued.role} key ${issued.keyId}${issued.teamId ? ` for team ${issued.teamId}` : ''} (shown once):\n${issued.key}\n`,
          );
      },
    );
  registerAdminRotate(admin, io);

  program
    .command('schema')
    .description('print the JSON Schema of the DSL (for editors)')
    .action(async () => {
      const { dslJsonSchema } = await import('@tdm/core');
      io.out(JSON.stringify(dslJsonSchema(), null, 2) + '\n');
    });

  program
    .command('generators')
    .description('list every field type with its description')
    .action(async () => {
      const { allGenerators } = await import('@tdm/core');
      for (const g of allGenerators) io.out(`${g.name.padEnd(24)} ${g.description}\n`);
    });
  registerQualityCommand(program, io, setExit);
  // Learning from samples: profile, find and mask personal data, synthesize, score.
  registerProfileCommand(program, io, setExit);
  registerDetectPiiCommand(program, io, setExit);
  registerMaskCommand(program, io, setExit);
  registerSynthesizeCommand(program, io, setExit);
  registerCompareCommand(program, io, setExit);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (caught) {
    let e = caught;
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return ExitCode.OK;
      e = usageError(e, program, argv);
    }
    if (isTdmError(e)) {
      io.err(`tdm: ${e.code}: ${e.message}\n`);
      if (e.problems.length) io.err(problemLines(e.problems));
      const action = e.suggestedActions[0];
      if (action && !e.problems.length) io.err(`  fix: ${action}\n`);
      return exitCodeFor(e.code);
    }
    io.err(
      `tdm: INTERNAL_ERROR: ${(e as Error).message ?? String(e)}\n  fix: report this as a bug with the command that caused it\n`,
    );
    return ExitCode.FAILED;
  }
}
