/**
 * @module Progress for long generations: a bar (rows, rows/s, ETA) on a TTY, plain lines otherwise.
 */
import cliProgress from 'cli-progress';
import type { GenerationStatus } from '@tdm/core';

export interface Progress {
  update(s: GenerationStatus): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          '{bar} {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted} | {entity}',
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(s) {
        const secs = (Date.now() - started) / 1000;
        const payload = { speed: secs > 0 ? Math.round(s.rowsDone / secs) : 0, entity: s.entity ?? '' };
        if (!begun) {
          bar.start(s.rowsTotal, s.rowsDone, payload);
          begun = true;
        } else bar.update(s.rowsDone, payload);
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(s) {
      const now = Date.now();
      if (now - lastLine < 2000 && s.progress < 100) return;
      lastLine = now;
      const secs = (now - started) / 1000;
      const rate = secs > 0 ? Math.round(s.rowsDone / secs) : 0;
      const eta = rate > 0 ? Math.round((s.rowsTotal - s.rowsDone) / rate) : 0;
      stream.write(
        `progress ${s.progress}% ${s.rowsDone}/${s.rowsTotal} rows ${rate} rows/s eta ${eta}s ${s.entity ?? ''}\n`,
      );
    },
    stop: () => undefined,
  };
}
