import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect } from 'chai';
import sharp from 'sharp';
import { ConfigError, loadConfig } from '../common/config';
import { PayloadTooLargeError, RuleViolationError, UnsupportedMediaTypeError } from '../common/errors';
import { fakeHeic, jpegWithExif } from '../test/support/photos';
import { PhotoInspector, photoDimensions, refuseDeclaredLength, sniffPhotoType, SNIFF_BYTES } from './inspect';
import { receivePhoto } from './intake';
import { makeThumbnail } from './thumbnail';
import { photoIdFor } from '../api/photos/router';

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#36c' } });

/** Runs chunks through an inspector; what it passed on, and its verdict. */
async function inspect(chunks: Buffer[], maxBytes = 1024 * 1024) {
  const inspector = new PhotoInspector(maxBytes);
  const passed: Buffer[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (passed.push(chunk), done()) });
  try {
    await pipeline(Readable.from(chunks), inspector, sink);
    return { result: inspector.result(), passed: Buffer.concat(passed) };
  } catch (error) {
    return { error, passed: Buffer.concat(passed) };
  }
}

describe('recognising a photo by its bytes', () => {
  it('tells JPEG, PNG, WebP and HEIC apart, whatever a client would call them', async () => {
    const cases: Array<[Buffer, string | undefined]> = [
      [await image(8, 8).jpeg().toBuffer(), 'image/jpeg'],
      [await image(8, 8).png().toBuffer(), 'image/png'],
      [await image(8, 8).webp().toBuffer(), 'image/webp'],
      [await fakeHeic(16, 16), 'image/heic'],
      // Images of other kinds, and no image at all.
      [await image(8, 8).gif().toBuffer(), undefined],
      [await image(8, 8).tiff().toBuffer(), undefined],
      [await image(8, 8).heif({ compression: 'av1' }).toBuffer(), undefined], // AVIF
      [Buffer.from('GIF89a but only text'), undefined],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), undefined],
      [Buffer.from('%PDF-1.7\n'), undefined],
      [Buffer.from('holiday.jpg is just a name\n'), undefined],
      [Buffer.alloc(0), undefined],
    ];
    for (const [bytes, expected] of cases) expect(await sniffPhotoType(bytes), bytes.subarray(0, 12).toString('hex')).to.equal(expected);
  });

  it('passes the bytes on unchanged, counting and hashing them, in chunks of any size', async () => {
    const jpeg = await jpegWithExif(300, 200);
    const bytewise: Buffer[] = [...jpeg].slice(0, SNIFF_BYTES + 10).map((byte) => Buffer.from([byte]));
    const oneByteChunks = await inspect([...bytewise, jpeg.subarray(SNIFF_BYTES + 10)]);
    const whole = await inspect([jpeg]);
    for (const { result, passed } of [oneByteChunks, whole]) {
      expect(passed.equals(jpeg)).to.equal(true);
      expect(result).to.deep.equal({
        contentType: 'image/jpeg',
        size: jpeg.length,
        sha256: createHash('sha256').update(jpeg).digest('hex'),
      });
    }
  });

  it('refuses a non-photo as soon as its first bytes are in, without waiting for the rest', async () => {
    const text = Buffer.alloc(SNIFF_BYTES, 'a');
    const { error, passed } = await inspect([text, Buffer.alloc(1024 * 1024, 'b')], 2 * 1024 * 1024);
    expect(error).to.be.instanceOf(UnsupportedMediaTypeError);
    expect(passed.length, 'nothing past the first chunk').to.be.at.most(SNIFF_BYTES);
  });

  it('refuses more than the limit as the count passes it, and a declared length over it before reading', async () => {
    const png = await image(64, 64).png({ compressionLevel: 0 }).toBuffer();
    expect((await inspect([png], png.length)).result?.size).to.equal(png.length);
    const over = await inspect([png.subarray(0, 5000), png.subarray(5000)], png.length - 1);
    expect(over.error).to.be.instanceOf(PayloadTooLargeError);
    expect((over.error as Error).message).to.match(/at most/);

    expect(() => refuseDeclaredLength(String(20 * 1024 * 1024 + 1), 20 * 1024 * 1024)).to.throw(PayloadTooLargeError, 'at most 20 MiB');
    for (const fine of [undefined, '', '0', String(20 * 1024 * 1024), 'not a number'])
      expect(() => refuseDeclaredLength(fine, 20 * 1024 * 1024), String(fine)).not.to.throw();
  });
});

describe('a photo once received', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photo-inspect-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Buffer) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, bytes);
    return at;
  };

  it('has the dimensions a viewer shows: turned by its EXIF orientation', async () => {
    expect(await photoDimensions(file('plain.jpg', await jpegWithExif(400, 300)))).to.deep.equal({ width: 400, height: 300 });
    for (const orientation of [5, 6, 7, 8])
      expect(
        await photoDimensions(file(`o${orientation}.jpg`, await jpegWithExif(400, 300, { orientation }))),
        `${orientation}`,
      ).to.deep.equal({
        width: 300,
        height: 400,
      });
    expect(await photoDimensions(file('o3.jpg', await jpegWithExif(400, 300, { orientation: 3 })))).to.deep.equal({
      width: 400,
      height: 300,
    });
    expect(await photoDimensions(file('p.heic', await fakeHeic(64, 48)))).to.deep.equal({ width: 64, height: 48 });
  });

  it('is unreadable (422) when only its first bytes are a photo', async () => {
    const jpeg = await jpegWithExif(400, 300);
    const cut = file('cut.jpg', Buffer.concat([jpeg.subarray(0, 200)]));
    const error = await photoDimensions(cut).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RuleViolationError);
    expect((error as RuleViolationError).type).to.equal('unreadable-image');
  });

  it('gets a real HEIC (HEVC, which sharp cannot decode) its thumbnail too, decoded by libheif: upright, colours kept', async () => {
    const heic = path.join(__dirname, '..', 'test', 'fixtures', 'gradient-480x360.heic');
    const thumbnail = (await makeThumbnail(heic, 'image/heic'))!;
    expect(thumbnail, 'a thumbnail').to.not.equal(undefined);
    const { data, info } = await sharp(thumbnail.bytes).raw().toBuffer({ resolveWithObject: true });
    expect({ format: (await sharp(thumbnail.bytes).metadata()).format, width: info.width, height: info.height }).to.deep.equal({
      format: 'jpeg',
      width: 320,
      height: 240,
    });
    // The gradient runs red across and green down: the bottom-right corner is red and green, the top-left neither.
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    const [topLeft, bottomRight] = [pixel(2, 2), pixel(info.width - 3, info.height - 3)];
    expect(topLeft[0]).to.be.below(30);
    expect(topLeft[1]).to.be.below(30);
    expect(bottomRight[0]).to.be.above(220);
    expect(bottomRight[1]).to.be.above(220);
    expect(bottomRight[2]).to.be.within(100, 156);
  });

  it('gets a thumbnail of at most 320 px without any metadata; a HEIF no decoder reads none', async () => {
    const big = file('big.jpg', await jpegWithExif(1600, 1200, { orientation: 6 }));
    const thumbnail = (await makeThumbnail(big, 'image/jpeg'))!;
    const meta = await sharp(thumbnail.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif, icc: meta.icc }).to.deep.equal({
      format: 'jpeg',
      width: 240,
      height: 320,
      exif: undefined,
      icc: undefined,
    });
    const small = file('small.png', await image(100, 50).png().toBuffer());
    expect(await sharp((await makeThumbnail(small, 'image/png'))!.bytes).metadata()).to.deep.include({ width: 100, height: 50 });
    expect(await makeThumbnail(file('p.heic', await fakeHeic(64, 48)), 'image/heic')).to.equal(undefined);
  });

  it('is received into a scratch file that a refusal removes', async () => {
    const scratchDir = path.join(dir, 'scratch');
    const refused = await receivePhoto(Readable.from([Buffer.from('text pretending to be a photo')]), { maxBytes: 1024, scratchDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(UnsupportedMediaTypeError);
    expect(fs.readdirSync(scratchDir)).to.deep.equal([]);
    const jpeg = await jpegWithExif(40, 30);
    const received = await receivePhoto(Readable.from([jpeg]), { maxBytes: 1024 * 1024, scratchDir });
    expect(fs.readFileSync(received.file).equals(jpeg)).to.equal(true);
    expect({ width: received.width, height: received.height, type: received.contentType }).to.deep.equal({
      width: 40,
      height: 30,
      type: 'image/jpeg',
    });
    await received.discard();
    expect(fs.readdirSync(scratchDir)).to.deep.equal([]);
  });
});

describe('photo ids and settings', () => {
  it('derives the same id for the same key and bytes, another for other bytes, a random one without a key', () => {
    const a = photoIdFor('key-1', 'aa');
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(photoIdFor('key-1', 'aa')).to.equal(a);
    expect(photoIdFor('key-1', 'bb')).not.to.equal(a);
    expect(photoIdFor('key-2', 'aa')).not.to.equal(a);
    expect(photoIdFor(undefined, 'aa')).not.to.equal(photoIdFor(undefined, 'aa'));
  });

  it('keeps photos on the local disk under the data directory unless PHOTO_STORE_URL names a bucket', () => {
    const local = loadConfig({ INSTALLER_JOBS_DATA_DIR: '/srv/data' }).photos;
    expect(local).to.deep.include({
      store: { kind: 'local', dir: '/srv/data/photos' },
      maxBytes: 20 * 1024 * 1024,
      scratchDir: '/srv/data/photo-uploads',
    });
    const s3 = loadConfig({ PHOTO_STORE_URL: 's3://acme-photos/jobs/prod/?region=eu-central-1', PHOTO_MAX_BYTES: '1048576' }).photos;
    expect(s3.store).to.deep.equal({
      kind: 's3',
      bucket: 'acme-photos',
      prefix: 'jobs/prod',
      region: 'eu-central-1',
      endpoint: undefined,
      forcePathStyle: false,
    });
    expect(s3.maxBytes).to.equal(1048576);
    expect(loadConfig({ PHOTO_STORE_URL: 's3://b?endpoint=http://127.0.0.1:7070&forcePathStyle=true' }).photos.store).to.deep.include({
      bucket: 'b',
      prefix: '',
      endpoint: 'http://127.0.0.1:7070',
      forcePathStyle: true,
    });
    expect(() => loadConfig({ PHOTO_STORE_URL: '/var/photos' })).to.throw(ConfigError, /PHOTO_STORE_URL=\/var\/photos is not an S3 URL/);
    expect(() => loadConfig({ PHOTO_STORE_URL: 's3://b?endpoint=ftp://x' })).to.throw(ConfigError, /endpoint=ftp:\/\/x/);
    expect(() => loadConfig({ PHOTO_MAX_BYTES: '20MB' })).to.throw(ConfigError, /PHOTO_MAX_BYTES=20MB/);
  });
});
