/**
 * @module What every file-working command (quality and the sample commands) shares: running a
 * command body so a coded failure prints one line and sets its exit code (exit-codes.ts), and
 * writing a result file (report, rules, schema) with a coded error when it cannot be written.
 */
import { writeFile } from 'node:fs/promises';
import { isTdmError } from '@tdm/core';
import { exitCodeFor } from '../exit-codes.js';
import { outputFailed } from '../fs-output.js';
import type { Io } from '../io.js';

/**
 * Runs a command body: a coded failure prints one line (code, message, the suggested action)
 * and sets its exit code; anything else goes on to the top-level catch.
 */
export async function runCodedCommand(
  io: Io,
  setExit: (code: number) => void,
  body: () => Promise<number>,
): Promise<void> {
  try {
    setExit(await body());
  } catch (e) {
    if (!isTdmError(e)) throw e;
    io.err(`tdm: ${e.code}: ${e.message}\n`);
    for (const p of e.problems.slice(0, 20)) io.err(`  ${p.code}  ${p.message}\n`);
    const action = e.suggestedActions[0];
    if (action) io.err(`  fix: ${action}\n`);
    setExit(exitCodeFor(e.code));
  }
}

/** Writes a result file (report, rules, schema), with a coded error when it cannot be written. */
export async function writeOutputFile(path: string, text: string, flag = '--out'): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw outputFailed(flag, path, `cannot be written (${code})`, 'Pass a writable path.');
  }
}
