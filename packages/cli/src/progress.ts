/**
 * @module Progress for long generations and checks: a bar (rows, rows/s, ETA) on a TTY, plain
 * lines every 2 s otherwise.
 */
import cliProgress from 'cli-progress';
import type { CheckProgress, GenerationStatus } from '@tdm/core';

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

export interface CheckProgressView {
  update(p: CheckProgress): void;
  stop(): void;
}

/**
 * Progress of `tdm quality`: by bytes when every file is a local CSV/TSV (percent and ETA), by
 * rows otherwise. Nothing is printed for checks shorter than the first redraw.
 */
export function createCheckProgress(stream: NodeJS.WriteStream, quiet: boolean): CheckProgressView {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const speed = (rows: number): number => {
    const secs = (Date.now() - started) / 1000;
    return secs > 0 ? Math.round(rows / secs) : 0;
  };
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    return {
      update(p) {
        const payload = { rows: p.rows, speed: speed(p.rows), entity: p.entity };
        if (!bar) {
          // Drawn from the first update after a second, so quick checks print nothing.
          if (Date.now() - started < 1000) return;
          bar = new cliProgress.SingleBar(
            {
              format: p.sized
                ? '{bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted} | {entity}'
                : '{rows} rows | {speed} rows/s | {entity}',
              stream,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.sized ? p.bytesTotal : 1, p.sized ? p.bytesDone : 0, payload);
        } else bar.update(p.sized ? p.bytesDone : 0, payload);
      },
      stop: () => bar?.stop(),
    };
  }
  let lastLine = started;
  return {
    update(p) {
      const now = Date.now();
      if (now - lastLine < 2000) return;
      lastLine = now;
      const rate = speed(p.rows);
      const share = p.sized && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : null;
      const eta = share !== null && share > 0 ? Math.round(((now - started) / 1000) * (1 / share - 1)) : null;
      stream.write(
        `progress ${share === null ? '' : `${Math.floor(share * 100)}% `}${p.rows} rows ${rate} rows/s${eta === null ? '' : ` eta ${eta}s`} ${p.entity}\n`,
      );
    },
    stop: () => undefined,
  };
}
