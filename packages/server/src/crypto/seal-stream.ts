/**
 * @module sealStream: a Transform that turns plaintext into the sealed-stream format
 * (`stream-format.ts`). Memory is one segment whatever the size; backpressure is node's own.
 */
import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { NONCE_BYTES, aeadSeal } from './aead.js';
import type { DataKey } from './keyring.js';
import {
  DEFAULT_SEGMENT_SIZE,
  MAX_SEGMENT_SIZE,
  aadPrefix,
  encodeHeader,
  segmentAad,
  segmentNonce,
} from './stream-format.js';

export interface SealStreamOptions {
  /** The team's data key (normally `keyring.activeKey(teamId)`); its team id goes in the header. */
  key: DataKey;
  /** The blob's name, bound into every segment so a renamed file fails to open. */
  name: string;
  /** Plaintext bytes per segment; default and normal value 64 KiB. */
  segmentSize?: number;
}

class SealTransform extends Transform {
  private readonly header: Buffer;
  private readonly baseNonce = randomBytes(NONCE_BYTES);
  private readonly aad: Buffer;
  private readonly segment: Buffer;
  private fill = 0;
  private index = 0;
  private headerSent = false;

  constructor(private readonly options: SealStreamOptions) {
    super();
    const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    if (!Number.isInteger(segmentSize) || segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
      throw new RangeError(`segmentSize must be an integer in 1..${MAX_SEGMENT_SIZE}`);
    }
    const { teamId, keyId } = options.key;
    this.header = encodeHeader({ segmentSize, teamId, keyId, baseNonce: this.baseNonce });
    this.aad = aadPrefix(this.header, options.name);
    this.segment = Buffer.alloc(segmentSize);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sendHeader();
    let offset = 0;
    while (offset < chunk.length) {
      // A full segment is sealed as non-final only once a further byte proves more follows.
      if (this.fill === this.segment.length) this.emitSegment(false);
      const n = chunk.copy(this.segment, this.fill, offset);
      this.fill += n;
      offset += n;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.sendHeader();
    this.emitSegment(true);
    this.segment.fill(0);
    done();
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.push(this.header);
  }

  private emitSegment(final: boolean): void {
    const i = this.index++;
    const nonce = segmentNonce(this.baseNonce, i, final);
    const plain = this.segment.subarray(0, this.fill);
    this.push(aeadSeal(this.options.key.key, nonce, plain, segmentAad(this.aad, i, final)));
    this.fill = 0;
  }
}

/**
 * Seals a plaintext stream under a team's data key.
 * @example await pipeline(source, sealStream({ key: await keyring.activeKey('alpha'), name: 'v1/orders.csv' }), file);
 */
export function sealStream(options: SealStreamOptions): Transform {
  return new SealTransform(options);
}
