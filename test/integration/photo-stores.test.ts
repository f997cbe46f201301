import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { createDemoTenantIfMissing } from '../../db/demo-tenant';
import { LocalPhotoStore } from '../../photos/local-store';
import { S3PhotoStore } from '../../photos/s3-store';
import type { PhotoStore } from '../../photos/store';
import { demoInstallJob } from '../support/install-job';
import { jpegWithExif } from '../support/photos';
import { startTestStack } from '../support/stack';
import { startVersitygw, type RunningS3 } from '../support/versitygw';

/** Bytes that differ everywhere, produced as they are read, so a store's streaming is what holds them. */
function patterned(size: number, seed: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - sent));
      for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((sent + i) ^ seed, i);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** What every photo store does, held to both: the local disk and a real S3-compatible server (versitygw). */
function storeContract(name: string, open: () => Promise<PhotoStore>) {
  describe(`the ${name} photo store`, () => {
    let store: PhotoStore;
    before(async () => {
      store = await open();
    });

    it('gives back what was put, with its size, and nothing for a key never put', async () => {
      const key = `J-TEST000001/${randomUUID()}.jpg`;
      await store.put(key, Readable.from([Buffer.from('first'), Buffer.from(' photo')]), { contentType: 'image/jpeg', size: 11 });
      const got = await store.get(key);
      expect(got?.size).to.equal(11);
      expect((await sha256Of(got!.body)).sha256).to.equal(createHash('sha256').update('first photo').digest('hex'));
      expect(await store.get(`J-TEST000001/${randomUUID()}.jpg`)).to.equal(undefined);
    });

    it('streams 20 MiB in and out, replaces an object whole, and deletes (twice is no error)', async () => {
      const key = `J-TEST000002/${randomUUID()}.jpg`;
      const size = 20 * 1024 * 1024;
      await store.put(key, patterned(size, 1), { contentType: 'image/jpeg', size });
      const expected = await sha256Of(patterned(size, 2));
      await store.put(key, patterned(size, 2), { contentType: 'image/jpeg', size });
      const got = await store.get(key);
      expect(got?.size).to.equal(size);
      expect(await sha256Of(got!.body)).to.deep.equal(expected);
      await store.delete(key);
      await store.delete(key);
      expect(await store.get(key)).to.equal(undefined);
    });

    it('refuses a key that could leave its place', async () => {
      for (const key of ['../outside.jpg', 'J-1/../../x', '/abs.jpg', 'a//b', '']) {
        const refused = await store.put(key, Readable.from([]), { contentType: 'image/jpeg', size: 0 }).then(
          () => undefined,
          (error: Error) => error.message,
        );
        expect(refused, key).to.match(/Not a photo store key/);
      }
    });
  });
}

describe('photo stores', function () {
  this.timeout(20 * 60_000);
  let s3: RunningS3 | undefined;
  const bucket = `photos-${Date.now().toString(36)}`;
  const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'photo-store-'));

  before(async function () {
    // The first run builds versitygw (about 3 minutes); later ones start it in well under a second.
    this.timeout(20 * 60_000);
    s3 = await startVersitygw();
    await s3.createBucket(bucket);
  });
  after(async () => {
    await s3?.stop();
    fs.rmSync(localRoot, { recursive: true, force: true });
  });

  const s3Store = (prefix = 'photos', singlePutBytes?: number) =>
    new S3PhotoStore(
      { bucket, prefix, endpoint: s3!.endpoint, region: s3!.region, forcePathStyle: true },
      // The server's own credentials; in production the SDK reads AWS_* from the environment.
      { credentials: { accessKeyId: s3!.accessKeyId, secretAccessKey: s3!.secretAccessKey }, singlePutBytes },
    );

  storeContract('local disk', async () => new LocalPhotoStore(localRoot));
  storeContract('S3', async () => s3Store());
  // Beyond its single-PUT size the S3 store uploads in 5 MiB parts (lib-storage): 20 MiB is four.
  storeContract('S3 (multipart)', async () => s3Store('multipart', 1024));

  it('keeps a local photo durable in place: no temporary file left beside it', async () => {
    const store: PhotoStore = new LocalPhotoStore(localRoot);
    await store.put('J-TEST000003/a.jpg', Readable.from([Buffer.from('x')]), { contentType: 'image/jpeg', size: 1 });
    expect(fs.readdirSync(path.join(localRoot, 'J-TEST000003'))).to.deep.equal(['a.jpg']);
  });

  it('puts S3 objects under the prefix with their content type', async () => {
    const store = s3Store('tenant-a/photos');
    await store.put('J-TEST000004/b.png', Readable.from([Buffer.from('png')]), { contentType: 'image/png', size: 3 });
    const head = await s3!.client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'tenant-a/photos/J-TEST000004/b.png' }));
    expect({ type: head.ContentType, length: head.ContentLength }).to.deep.equal({ type: 'image/png', length: 3 });
  });

  it('serves the API from S3: upload, download and thumbnail, the bytes as sent', async () => {
    const stack = await startTestStack('photos on s3', { photoStore: s3Store('api') });
    try {
      const demo = (await createDemoTenantIfMissing(stack.db))!;
      const jobId = await demoInstallJob(stack, demo);
      const jpeg = await jpegWithExif(800, 600);
      const uploaded = await fetch(`${stack.baseUrl}/v1/jobs/${jobId}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.tokens.installerTechnician}`, 'content-type': 'image/jpeg' },
        body: jpeg,
      });
      const photo = (await uploaded.json()) as { url: string; thumbnailUrl: string; sha256: string; photoId: string };
      expect(uploaded.status, JSON.stringify(photo)).to.equal(201);
      const original = await fetch(`${stack.baseUrl}${photo.url}`, { headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` } });
      expect(Buffer.from(await original.arrayBuffer()).equals(jpeg)).to.equal(true);
      expect(original.headers.get('etag')).to.equal(`"${photo.sha256}"`);
      const thumbnail = await fetch(`${stack.baseUrl}${photo.thumbnailUrl}`, {
        headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` },
      });
      expect({ status: thumbnail.status, type: thumbnail.headers.get('content-type') }).to.deep.equal({ status: 200, type: 'image/jpeg' });
      const head = await s3!.client.send(new HeadObjectCommand({ Bucket: bucket, Key: `api/${jobId}/${photo.photoId}.jpg` }));
      expect(head.ContentLength).to.equal(jpeg.length);
    } finally {
      await stack.stop();
    }
  });
});
