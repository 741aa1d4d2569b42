/**
 * @module commander's own parse errors (unknown command or option, a missing argument or option,
 * a value outside the choices) as a coded INPUT_INVALID error with a fix, so they print like every
 * other tdm error (`tdm: INPUT_INVALID: ...` then `fix: ...`) and exit 2.
 */
import type { Command, CommanderError } from 'commander';
import { TdmError } from '@tdm/core';

/** The command the arguments name: `tdm admin create-team x` is `admin create-team`. */
function commandOf(program: Command, argv: readonly string[]): Command {
  let cmd = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    cmd = sub;
  }
  return cmd;
}

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** A CommanderError from parsing `argv` as a coded error: what is wrong, then what to type. */
export function usageError(e: CommanderError, program: Command, argv: readonly string[]): TdmError {
  const cmd = commandOf(program, argv);
  const path = pathOf(cmd);
  // "error: unknown option '--sed'\n(Did you mean --seed?)"
  const [first = '', ...rest] = e.message.replace(/^error: /, '').split('\n');
  const hint = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim());
  const guess = hint ? `Did you mean ${hint[1]}? ` : '';
  let fix: string;
  if (e.code === 'commander.unknownCommand') {
    fix = `${guess}Run \`${path} --help\` for the commands.`;
  } else if (e.code === 'commander.unknownOption') {
    fix = `${guess}Run \`${path} --help\` for its options.`;
  } else if (
    e.code === 'commander.missingMandatoryOptionValue' ||
    e.code === 'commander.optionMissingArgument'
  ) {
    // "required option '--name <name>' not specified", "option '-o, --out <dir>' argument missing"
    const flags = /'([^']+)'/.exec(first)?.[1] ?? '';
    fix = `Pass ${flags.split(', ').pop()} (\`${path} --help\` explains each option).`;
  } else {
    fix = `Usage: ${path} ${cmd.usage()} (\`${path} --help\` explains each option).`;
  }
  return new TdmError('INPUT_INVALID', first, {
    suggestedActions: [fix],
    details: { commanderCode: e.code },
  });
}
