/**
 * @module The download against the CLI's generation, round after round (so a busy spell on the
 * machine hits both sides alike); the fastest run of each counts, since other load only slows a
 * run down. MB are 10^6 bytes.
 */
import { int } from '../lib/table.js';
import {
  cliGenerate,
  cliStartup,
  download,
  type CliRequest,
  type CliRun,
  type DownloadRun,
} from './download.js';
import type { ApiReport } from './report.js';

export type TransferFigures = Pick<ApiReport, 'download' | 'cli' | 'sameFile' | 'ratio' | 'ratioNet'>;

export async function measureTransfers(
  o: { downloadUrl: string; key: string; cli: CliRequest; repeat: number },
  log: (line: string) => void,
): Promise<TransferFigures> {
  let d: DownloadRun | null = null;
  let c: CliRun | null = null;
  let startupMs = Infinity;
  for (let round = 1; round <= o.repeat; round++) {
    const dr = await download(o.downloadUrl, o.key);
    log(`  [${round}/${o.repeat}] download: ${int(dr.bytes)} bytes in ${int(dr.ms)} ms`);
    if (!d || dr.ms < d.ms) d = dr;
    const cr = await cliGenerate(o.cli);
    log(
      `  [${round}/${o.repeat}] tdm generate: ${int(cr.rows)} rows, ${int(cr.bytes)} bytes in ${int(cr.ms)} ms`,
    );
    if (!c || cr.ms < c.ms) c = cr;
    startupMs = Math.min(startupMs, await cliStartup(o.cli));
  }
  if (!d || !c) throw new Error('no transfer measured');
  const netMs = Math.max(1, c.ms - startupMs);
  const downloadMbps = mbps(d.bytes, d.ms);
  return {
    download: {
      rows: c.rows,
      bytes: d.bytes,
      ms: d.ms,
      mbPerSec: downloadMbps,
      rowsPerSec: c.rows / (d.ms / 1000),
    },
    cli: {
      rows: c.rows,
      bytes: c.bytes,
      ms: c.ms,
      mbPerSec: mbps(c.bytes, c.ms),
      rowsPerSec: c.rows / (c.ms / 1000),
      startupMs,
      netMbPerSec: mbps(c.bytes, netMs),
    },
    // The same bytes: the server's file has the length and the sha256 of the CLI's.
    sameFile: d.bytes === c.bytes && d.sha256 === c.sha256,
    ratio: downloadMbps / mbps(c.bytes, c.ms),
    ratioNet: downloadMbps / mbps(c.bytes, netMs),
  };
}

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
