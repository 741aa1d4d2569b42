/**
 * @module unsealStream: a Transform from the sealed-stream format back to plaintext. Each segment
 * is authenticated before any of its bytes are pushed; the first failure errors the stream with
 * BLOB_TAMPERED, so a reader never sees plaintext from an unauthenticated segment.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { aeadOpen } from './aead.js';
import { CryptoError, isCryptoError } from './errors.js';
import type { DataKey } from './keyring.js';
import {
  TAG_BYTES,
  aadPrefix,
  decodeHeader,
  segmentAad,
  segmentNonce,
  type StreamHeader,
} from './stream-format.js';

export interface UnsealStreamOptions {
  /** The team the blob must belong to (checked against the header). */
  teamId: string;
  /** The name the blob was sealed under. */
  name: string;
  /** Looks up a team's data key by id (normally a Keyring). */
  keys: { key(teamId: string, keyId: string): Promise<DataKey> };
}

class UnsealTransform extends Transform {
  private headerBytes: Buffer = Buffer.alloc(0);
  private header: StreamHeader | null = null;
  private key: DataKey | null = null;
  private aad: Buffer = Buffer.alloc(0);
  private segment: Buffer = Buffer.alloc(0);
  private fill = 0;
  private index = 0;

  constructor(private readonly options: UnsealStreamOptions) {
    super();
  }

  private tampered(reason: string, cause?: unknown): CryptoError<'BLOB_TAMPERED'> {
    const { teamId, name } = this.options;
    return new CryptoError(
      'BLOB_TAMPERED',
      `blob "${name}" of team "${teamId}" failed to authenticate: ${reason}`,
      {
        details: { teamId, name, reason, segment: this.index },
        cause,
      },
    );
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.header) return done(this.consume(chunk));
    this.headerBytes = Buffer.concat([this.headerBytes, chunk]);
    const parsed = decodeHeader(this.headerBytes);
    if ('needMore' in parsed) return done();
    if ('invalid' in parsed) return done(this.tampered(parsed.invalid));
    if (parsed.header.teamId !== this.options.teamId) return done(this.tampered('sealed for another team'));
    this.options.keys.key(parsed.header.teamId, parsed.header.keyId).then(
      (key) => {
        this.key = key;
        this.header = parsed.header;
        // The AAD takes the header bytes as read, so any change to them fails every segment.
        this.aad = aadPrefix(this.headerBytes.subarray(0, parsed.length), this.options.name);
        this.segment = Buffer.alloc(parsed.header.segmentSize + TAG_BYTES);
        const rest = this.headerBytes.subarray(parsed.length);
        this.headerBytes = Buffer.alloc(0);
        done(this.consume(rest));
      },
      (e: unknown) =>
        done(
          isCryptoError(e, 'CRYPTO_DATA_KEY_NOT_FOUND') ? this.tampered('unknown data key', e) : (e as Error),
        ),
    );
  }

  override _flush(done: TransformCallback): void {
    if (!this.header) return done(this.tampered('truncated header'));
    // The bytes held back are the final segment; a stream cut at a segment boundary fails here.
    done(this.open(true) ?? undefined);
  }

  /** Copies bytes into the segment buffer, opening each full segment once more bytes follow. */
  private consume(chunk: Buffer): Error | undefined {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.fill === this.segment.length) {
        const failure = this.open(false);
        if (failure) return failure;
      }
      const n = chunk.copy(this.segment, this.fill, offset);
      this.fill += n;
      offset += n;
    }
    return undefined;
  }

  private open(final: boolean): Error | null {
    if (!this.header || !this.key) return this.tampered('no header');
    const i = this.index;
    const nonce = segmentNonce(this.header.baseNonce, i, final);
    const plain = aeadOpen(
      this.key.key,
      nonce,
      this.segment.subarray(0, this.fill),
      segmentAad(this.aad, i, final),
    );
    if (!plain)
      return this.tampered(
        final
          ? `segment ${i} (final) altered, truncated or extended`
          : `segment ${i} altered or out of place`,
      );
    this.index++;
    this.fill = 0;
    if (plain.length) this.push(plain);
    return null;
  }
}

/**
 * Opens a sealed stream of one team's blob; errors with BLOB_TAMPERED on the first bad segment.
 * @example await pipeline(createReadStream(path), unsealStream({ teamId, name, keys: keyring }), res);
 */
export function unsealStream(options: UnsealStreamOptions): Transform {
  return new UnsealTransform(options);
}
