/**
 * @module PushStream: the readable end of a generation. It is an OutputFile (core's port), so
 * generation writes into it with backpressure: write() copies the chunk (generation reuses its
 * buffers) and resolves only once the reader wants more; after the reader goes away (destroy) every
 * write rejects, which is what stops the generation behind a closed download.
 */
import { Readable } from 'node:stream';
import type { OutputFile } from '@tdm/core';
import { ServerError } from '../../errors.js';

function closed(): ServerError {
  return new ServerError('GENERATION_CANCELLED', 'the download was closed before it ended');
}

export class PushStream extends Readable implements OutputFile {
  private wake: (() => void) | null = null;

  constructor(highWaterMark = 1 << 20) {
    super({ highWaterMark });
  }

  override _read(): void {
    this.resume_();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.resume_();
    callback(error);
  }

  private resume_(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.destroyed) throw closed();
    const copy = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    if (copy.byteLength === 0) return;
    if (this.push(copy)) return;
    await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.destroyed) throw closed();
  }

  /** Ends the stream: the reader gets everything written so far, then its end. */
  async close(): Promise<void> {
    if (this.destroyed) throw closed();
    this.push(null);
  }
}
