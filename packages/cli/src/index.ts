/** @module @tdm/cli: the command line as a library (for tests and embedding). */
export { main, buildProgram } from './main.js';
export { ExitCode, exitCodeFor } from './exit-codes.js';
export { directoryOutput } from './fs-output.js';
export type { Io } from './io.js';
