/**
 * Does memory stay flat while a 20 MiB photo goes up and comes back down (issue #15 point 4)?
 * Runs the tests' stack in this process (API on a free port, worker, a fresh database), starts a
 * job, then uploads a 20 MiB JPEG (real pixels: noise at high quality, so that its thumbnail is
 * decoded from a 12-megapixel frame) and downloads it and its thumbnail, --rounds times, sampling
 * this process's resident memory (RSS) every 5 ms. The client streams the photo from a file and
 * discards what it downloads, so what grows is the server's.
 *
 * It prints resident memory resting (after one warm-up round) and its peak during each round,
 * split into anonymous memory (heaps and buffers) and file-backed pages (libvips maps the photo it
 * thumbnails; those are the page cache's); exit code 1 when anonymous memory grows by more than
 * --target MiB (default 20: less than one photo, which a path holding the photo would need). What
 * does grow is socket and file chunks of 64 KiB not yet collected: a 60 MiB object through the S3
 * store grew it no more than a 20 MiB one. With --store s3 it runs against a versitygw server
 * (test/support/versitygw.ts), else the local disk.
 *
 *   npx tsx bench/photos.ts [--rounds 5] [--target 20] [--store local|s3] [--temporal-address …] [--database-url …]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { DEFAULT_PHOTO_MAX_BYTES } from '../common/config';
import { DEMO_CUSTOMER_NAME } from '../db/demo-tenant';
import { connectDb } from '../db/connection';
import { createDemoTenantIfMissing } from '../db/demo-tenant';
import { S3PhotoStore } from '../photos/s3-store';
import type { PhotoStore } from '../photos/store';
import { INSTALL_PRESETS } from '../test/support/install-job';
import { startTestStack } from '../test/support/stack';
import { startVersitygw, type RunningS3 } from '../test/support/versitygw';
import { startBenchServers } from './support/servers';

const { values: args } = parseArgs({
  options: {
    'make-photo': { type: 'string' },
    rounds: { type: 'string', default: '5' },
    target: { type: 'string', default: '20' },
    store: { type: 'string', default: 'local' },
    'temporal-address': { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const TARGET_MIB = Number(args.target);
const MiB = 1024 * 1024;
const log = (line: string) => console.log(line);
/**
 * Resident memory as Linux splits it: anonymous (heaps, buffers: what a photo held in memory would
 * grow) and file-backed (mapped files: libvips maps the photo it thumbnails; those pages are the
 * page cache's, dropped under pressure). Elsewhere only the total is known.
 */
function memory(): { rss: number; anon: number; file: number } {
  const rss = process.memoryUsage.rss();
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss, anon: kib('RssAnon'), file: kib('RssFile') };
  } catch {
    return { rss, anon: rss, file: 0 };
  }
}

/** A JPEG just under the limit: 4000 × 3000 of noise at a quality that lands near 20 MiB, padded with a comment segment. */
async function twentyMiBJpeg(file: string): Promise<number> {
  const noise = await sharp({
    create: { width: 4000, height: 3000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
  const room = DEFAULT_PHOTO_MAX_BYTES - noise.length;
  if (room < 0) throw new Error(`the noise JPEG is ${noise.length} bytes, over the limit`);
  // COM segments (0xFFFE) right after SOI: valid JPEG, at most 65 533 bytes each.
  const segments: Buffer[] = [];
  for (let left = room; left >= 4;) {
    const body = Math.min(65_533, left - 4);
    const segment = Buffer.alloc(body + 4, 0x20);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(body + 2, 2);
    segments.push(segment);
    left -= segment.length;
  }
  const jpeg = Buffer.concat([noise.subarray(0, 2), ...segments, noise.subarray(2)]);
  fs.writeFileSync(file, jpeg);
  return jpeg.length;
}

/** The 20 MiB JPEG is made by another process: encoding it takes some 100 MB this one would keep. */
async function twentyMiBJpegInAChild(file: string): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--make-photo', file], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`making the photo failed (${code})`);
  return fs.statSync(file).size;
}

/**
 * One upload as a phone sends it (the file streamed, with its Content-Length) and the downloads of
 * the photo and its thumbnail, read and dropped; in a child process. Answers the times.
 */
async function runClient(request: { baseUrl: string; token: string; jobId: string; file: string }) {
  const child = spawn(process.execPath, ['-e', CLIENT, JSON.stringify(request)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`the client failed (${code}): ${out}`);
  return JSON.parse(out) as { uploadMs: number; downloadMs: number };
}

const CLIENT = `
const fs = require('node:fs');
const { Readable } = require('node:stream');
(async () => {
  const { baseUrl, token, jobId, file } = JSON.parse(process.argv[1]);
  const started = performance.now();
  const answer = await fetch(baseUrl + '/v1/jobs/' + jobId + '/photos', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'image/jpeg', 'content-length': String(fs.statSync(file).size) },
    body: Readable.toWeb(fs.createReadStream(file)),
    duplex: 'half',
  });
  const photo = await answer.json();
  if (answer.status !== 201) throw new Error('upload answered ' + answer.status + ': ' + JSON.stringify(photo));
  const uploaded = performance.now();
  let downloaded = 0;
  for (const path of [photo.url, photo.thumbnailUrl]) {
    const got = await fetch(baseUrl + path, { headers: { authorization: 'Bearer ' + token } });
    for await (const chunk of got.body) downloaded += chunk.length;
  }
  if (downloaded < photo.size) throw new Error('downloaded ' + downloaded + ' of ' + photo.size);
  console.log(JSON.stringify({ uploadMs: uploaded - started, downloadMs: performance.now() - uploaded }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** Samples memory every 5 ms while `work` runs; the highest of each kind seen. */
async function peakDuring(work: () => Promise<void>): Promise<{ rss: number; anon: number; file: number }> {
  const peak = memory();
  const sample = () => {
    const now = memory();
    for (const kind of ['rss', 'anon', 'file'] as const) peak[kind] = Math.max(peak[kind], now[kind]);
  };
  const timer = setInterval(sample, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  sample();
  return peak;
}

async function main(): Promise<void> {
  const servers = await startBenchServers({ temporalAddress: args['temporal-address'], databaseUrl: args['database-url'] }, log);
  let s3: RunningS3 | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-photos-'));
  try {
    let photoStore: PhotoStore | undefined;
    if (args.store === 's3') {
      s3 = await startVersitygw();
      await s3.createBucket('bench');
      photoStore = new S3PhotoStore(
        { bucket: 'bench', prefix: 'photos', endpoint: s3.endpoint, region: s3.region, forcePathStyle: true },
        { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } },
      );
    }
    const { db, url } = await servers.freshDatabase('photos');
    const workerDb = connectDb(url);
    const stack = await startTestStack('bench photos', {
      database: { db },
      workerDb,
      temporalAddress: servers.temporalAddress,
      rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
      photoStore,
    });
    try {
      const tenant = (await createDemoTenantIfMissing(db))!;
      const created = await stack.call('POST', '/v1/jobs', tenant.tokens.providerAdmin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: tenant.fleetId,
        installerCompanyId: tenant.installerCompanyId,
        customerName: DEMO_CUSTOMER_NAME,
        values: INSTALL_PRESETS,
      });
      await stack.call('POST', `/v1/jobs/${created.body.id}/start`, tenant.tokens.installerTechnician);
      const token = tenant.tokens.installerTechnician;

      const photoFile = path.join(dir, 'big.jpg');
      const size = await twentyMiBJpegInAChild(photoFile);
      const smallFile = path.join(dir, 'small.jpg');
      fs.writeFileSync(
        smallFile,
        await sharp({ create: { width: 640, height: 480, channels: 3, background: '#888' } })
          .jpeg()
          .toBuffer(),
      );

      // The client is a process of its own, so that its buffers are not counted as the server's.
      const roundTrip = (file: string) => runClient({ baseUrl: stack.baseUrl, token, jobId: created.body.id, file });

      // Warm-up: one round, so that sharp, the SDK, the routes and their buffers are in place; then let the heap settle.
      await roundTrip(photoFile);
      global.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const resting = memory();
      const mib = (bytes: number) => (bytes / MiB).toFixed(1);
      log(`photo: ${mib(size)} MiB JPEG, 4000 × 3000; store: ${stack.photoStore.description}`);
      log(`resting: RSS ${mib(resting.rss)} MiB (anonymous ${mib(resting.anon)}, file-backed ${mib(resting.file)})`);
      let worst = 0;
      for (let round = 1; round <= ROUNDS; round += 1) {
        let times = { uploadMs: 0, downloadMs: 0 };
        const peak = await peakDuring(async () => {
          times = await roundTrip(photoFile);
        });
        worst = Math.max(worst, peak.anon - resting.anon);
        log(
          `round ${round}: peak RSS +${mib(peak.rss - resting.rss)} MiB (anonymous +${mib(peak.anon - resting.anon)}, file-backed +${mib(peak.file - resting.file)}), upload ${times.uploadMs.toFixed(0)} ms, download ${times.downloadMs.toFixed(0)} ms`,
        );
      }
      log(`anonymous memory grew at most ${mib(worst)} MiB over resting (target ≤ ${TARGET_MIB} MiB; one photo is ${mib(size)} MiB)`);
      const worstMiB = worst / MiB;
      process.exitCode = worstMiB <= TARGET_MIB ? 0 : 1;
    } finally {
      await stack.stop();
      await workerDb.destroy();
    }
  } finally {
    await s3?.stop();
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (args['make-photo']) {
  twentyMiBJpeg(args['make-photo']).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
