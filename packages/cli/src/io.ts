/** @module Where commands write: stdout/stderr in production, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The stream progress bars draw on. */
  progressStream: NodeJS.WriteStream;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  progressStream: process.stderr,
};
