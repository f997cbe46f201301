import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { RuleViolationError } from '../common/errors';
import { MAX_PHOTO_PIXELS } from './inspect';
import { receivePhoto } from './intake';

/** A valid PNG of width × height black pixels (1-bit greyscale), small however large: its rows deflate to almost nothing. */
function blackPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, not interlaced
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // each row: filter 0, then its pixels, all 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('a photo of more pixels than are read', function () {
  this.timeout(30_000);
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pixel-limit-'));
  after(() => fs.rmSync(scratchDir, { recursive: true, force: true }));

  it('is refused as too large (422 image-too-large, rule maxPixels), naming its pixels and the limit, not as damaged', async () => {
    const png = blackPng(20_000, 20_000);
    const refused = await receivePhoto(Readable.from([png]), { maxBytes: 20 * 1024 * 1024, scratchDir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(RuleViolationError);
    const error = refused as RuleViolationError;
    expect(error.type).to.equal('image-too-large');
    expect(error.message).to.equal(
      `The photo has 20000 × 20000 pixels (400 megapixels); a photo may have at most ${MAX_PHOTO_PIXELS} pixels (268 megapixels, e.g. 16383 × 16383).`,
    );
    expect(error.details).to.deep.equal([
      { pointer: '/', message: `has 400000000 pixels; at most ${MAX_PHOTO_PIXELS} are taken`, rule: 'maxPixels' },
    ]);
    expect(fs.readdirSync(scratchDir), 'nothing left behind').to.deep.equal([]);
  });

  it('is taken up to the limit', async () => {
    const received = await receivePhoto(Readable.from([blackPng(4000, 3000)]), { maxBytes: 20 * 1024 * 1024, scratchDir });
    try {
      expect({ width: received.width, height: received.height }).to.deep.equal({ width: 4000, height: 3000 });
      expect(received.thumbnail, 'a thumbnail').to.not.equal(undefined);
    } finally {
      await received.discard();
    }
  });
});
