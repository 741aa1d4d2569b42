import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ByteWriter } from './byte-writer.js';

test('text() encodes like Buffer.from(s, "utf8"), lone surrogates included', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 20 }), (parts) => {
      const w = new ByteWriter(8);
      for (const s of parts) w.text(s);
      assert.deepEqual(Buffer.from(w.take()), Buffer.from(parts.join(''), 'utf8'));
    }),
  );
  for (const s of ['\ud800', 'a\udc00b', '\ud83d\ude00', '\ud83d', 'é€𝄞']) {
    const w = new ByteWriter(1);
    w.text(s);
    assert.deepEqual(Buffer.from(w.take()), Buffer.from(s, 'utf8'), JSON.stringify(s));
  }
});

test('take() hands over a copy and starts over; reset() drops what was written', () => {
  const w = new ByteWriter(2);
  w.text('hello');
  const first = w.take();
  w.text('xy');
  assert.equal(Buffer.from(first).toString(), 'hello');
  assert.equal(first.byteLength, first.buffer.byteLength, 'exactly sized, so it can be transferred');
  w.reset();
  w.text('z');
  assert.equal(Buffer.from(w.take()).toString(), 'z');
});
