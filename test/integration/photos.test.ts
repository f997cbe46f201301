import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect } from 'chai';
import sharp from 'sharp';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { newToken } from '../../db/tokens';
import { startTestStack, type TestStack } from '../support/stack';
import { demoInstallJob } from '../support/install-job';
import { fakeHeic, jpegWithExif } from '../support/photos';

const PROBLEM = 'https://installer-jobs.dev/problems/';
/** Small, so that the chunked test need not send megabytes. */
const MAX_BYTES = 256 * 1024;

/** Photos through HTTP on the real stack: an installer uploads them for a running job, the people on the job see them. */
describe('job photos over HTTP', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let runningJob: string;

  before(async () => {
    stack = await startTestStack('photos', { photoMaxBytes: MAX_BYTES });
    demo = (await createDemoTenantIfMissing(stack.db))!;
    runningJob = await jobIn('RUNNING');
  });
  after(async () => stack?.stop());

  const jobIn = (status: 'ASSIGNED' | 'RUNNING') => demoInstallJob(stack, demo, status);

  /** An upload as a phone's fetch sends it: the file as the body, with its type. Checked against the OpenAPI document. */
  async function upload(jobId: string, bytes: Uint8Array, contentType: string, token = demo.tokens.installerTechnician, key?: string) {
    const response = await fetch(`${stack.baseUrl}/v1/jobs/${jobId}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...(key ? { 'idempotency-key': key } : {}) },
      body: bytes,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  async function download(path: string, token: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('takes a JPEG as sent, keeps it with its EXIF, and makes a small upright thumbnail without metadata', async () => {
    // 400 × 300 as stored, EXIF orientation 6 (turned a quarter): shown 300 × 400.
    const jpeg = await jpegWithExif(400, 300, { orientation: 6 });
    const answer = await upload(runningJob, jpeg, 'image/jpeg');
    expect(answer.status, answer.text).to.equal(201);
    const photo = answer.body;
    expect(photo).to.deep.include({
      jobId: runningJob,
      contentType: 'image/jpeg',
      size: jpeg.length,
      width: 300,
      height: 400,
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      takenBy: { userId: demo.userIds.installerTechnician, email: 'technician@demo-installations.example' },
      url: `/v1/photos/${photo.photoId}`,
      thumbnailUrl: `/v1/photos/${photo.photoId}/thumbnail`,
    });
    expect(Date.parse(photo.uploadedAt)).to.be.closeTo(Date.now(), 60_000);
    expect(answer.headers.get('location')).to.equal(`/v1/photos/${photo.photoId}`);

    const original = await download(photo.url, demo.tokens.providerAdmin);
    expect(original.status).to.equal(200);
    expect(original.bytes.equals(Buffer.from(jpeg)), 'the bytes as uploaded').to.equal(true);
    expect(original.headers.get('content-type')).to.equal('image/jpeg');
    expect(original.headers.get('content-length')).to.equal(String(jpeg.length));
    expect(original.headers.get('etag')).to.equal(`"${photo.sha256}"`);
    expect(original.headers.get('cache-control')).to.match(/^private/);
    expect((await sharp(original.bytes).metadata()).exif, 'the original keeps its EXIF').to.be.instanceOf(Buffer);

    const thumbnail = await download(photo.thumbnailUrl, demo.tokens.installerAdmin);
    expect(thumbnail.status).to.equal(200);
    expect(thumbnail.headers.get('content-type')).to.equal('image/jpeg');
    const shown = await sharp(thumbnail.bytes).metadata();
    expect({ width: shown.width, height: shown.height, exif: shown.exif, orientation: shown.orientation }).to.deep.equal({
      width: 240,
      height: 320,
      exif: undefined,
      orientation: undefined,
    });

    const etag = original.headers.get('etag')!;
    const again = await download(photo.url, demo.tokens.providerAdmin, { 'if-none-match': etag });
    expect({ status: again.status, length: again.bytes.length, etag: again.headers.get('etag') }).to.deep.equal({
      status: 304,
      length: 0,
      etag,
    });
    expect((await download(photo.url, demo.tokens.providerAdmin, { 'if-none-match': '"other"' })).status).to.equal(200);
  });

  it('recognises PNG, WebP and HEIC by their bytes, whatever the Content-Type says (JSON too); a HEIF no decoder reads gets no thumbnail', async () => {
    const png = await sharp({ create: { width: 50, height: 20, channels: 4, background: '#00f8' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 30, height: 60, channels: 3, background: '#f80' } })
      .webp()
      .toBuffer();
    const heic = await fakeHeic(64, 48);
    const cases = [
      { bytes: png, sent: 'application/octet-stream', contentType: 'image/png', width: 50, height: 20 },
      // A client that labels the file JSON: the API's JSON parser leaves an upload alone.
      { bytes: png, sent: 'application/json', contentType: 'image/png', width: 50, height: 20 },
      { bytes: webp, sent: 'image/jpeg', contentType: 'image/webp', width: 30, height: 60 },
      { bytes: heic, sent: 'image/heic', contentType: 'image/heic', width: 64, height: 48 },
    ];
    for (const { bytes, sent, ...expected } of cases) {
      const answer = await upload(runningJob, bytes, sent);
      expect(answer.status, answer.text).to.equal(201);
      expect(answer.body).to.deep.include(expected);
    }
    // A real HEIC (HEVC, as an iPhone saves it) gets its thumbnail; the made-up one no decoder reads gets none.
    const real = (await upload(runningJob, fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'gradient-480x360.heic')), 'image/heic'))
      .body;
    const thumbnail = await download(real.thumbnailUrl, demo.tokens.providerAdmin);
    expect(thumbnail.status).to.equal(200);
    expect(await sharp(thumbnail.bytes).metadata()).to.deep.include({ format: 'jpeg', width: 320, height: 240 });
    const heicPhoto = (await upload(runningJob, heic, 'image/heic')).body;
    expect(heicPhoto.thumbnailUrl).to.equal(null);
    const none = await stack.call('GET', `/v1/photos/${heicPhoto.photoId}/thumbnail`, demo.tokens.providerAdmin);
    expect({ status: none.status, type: none.body.type }).to.deep.equal({ status: 404, type: `${PROBLEM}no-thumbnail` });
    const original = await download(heicPhoto.url, demo.tokens.installerTechnician);
    expect(original.headers.get('content-type')).to.equal('image/heic');
    expect(original.bytes.equals(heic)).to.equal(true);
  });

  it('refuses what is not a photo (415), a photo too large (413) by its Content-Length or as it arrives, and an empty body', async () => {
    const count = async () => Number((await stack.db('photos').where({ job_id: runningJob }).count({ n: '*' }))[0]!.n);
    const before = await count();
    const text = await upload(runningJob, new TextEncoder().encode('not a photo, just a file named holiday.jpg\n'), 'image/jpeg');
    expect({ status: text.status, type: text.body.type }).to.deep.equal({ status: 415, type: `${PROBLEM}unsupported-media-type` });
    const empty = await upload(runningJob, new Uint8Array(), 'image/jpeg');
    expect(empty.status, empty.text).to.equal(415);

    // Declared too large: answered before a byte of the body is sent.
    const declared = await rawUpload(runningJob, { 'content-length': String(MAX_BYTES + 1), 'content-type': 'image/jpeg' }, []);
    expect({ status: declared.status, type: JSON.parse(declared.text).type }).to.deep.equal({
      status: 413,
      type: `${PROBLEM}payload-too-large`,
    });
    expect(declared.bodyBytesSent, 'the answer came before the body').to.equal(0);

    // Chunked, no length: counted as it arrives. A real JPEG start, then more than the limit.
    const jpeg = await jpegWithExif(64, 64);
    const chunks = [jpeg.subarray(0, 5000), ...Array.from({ length: 8 }, () => Buffer.alloc(64 * 1024, 1))];
    const streamed = await rawUpload(runningJob, { 'transfer-encoding': 'chunked', 'content-type': 'image/jpeg' }, chunks);
    expect(streamed.status, streamed.text).to.equal(413);

    expect(await count(), 'nothing recorded').to.equal(before);
  });

  it('answers a retry with the same Idempotency-Key and bytes as the first time, and refuses the key for other bytes', async () => {
    const jpeg = await jpegWithExif(120, 80);
    const key = randomUUID();
    const first = await upload(runningJob, jpeg, 'image/jpeg', undefined, key);
    expect(first.status, first.text).to.equal(201);
    const retry = await upload(runningJob, jpeg, 'image/jpeg', undefined, key);
    expect(retry.status, retry.text).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.body).to.deep.equal(first.body);
    expect(await stack.db('photos').where({ sha256: first.body.sha256 }).count({ n: '*' })).to.deep.equal([{ n: '1' }]);

    const other = await upload(runningJob, await jpegWithExif(121, 80), 'image/jpeg', undefined, key);
    expect({ status: other.status, type: other.body.type }).to.deep.equal({ status: 422, type: `${PROBLEM}idempotency-key-reused` });
  });

  it('takes photos only from the assigned company while the job runs', async () => {
    const jpeg = await jpegWithExif(10, 10);
    const assigned = await jobIn('ASSIGNED');
    const notRunning = await upload(assigned, jpeg, 'image/jpeg');
    expect({ status: notRunning.status, type: notRunning.body.type }).to.deep.equal({ status: 409, type: `${PROBLEM}wrong-status` });
    const byProvider = await upload(runningJob, jpeg, 'image/jpeg', demo.tokens.providerAdmin);
    expect({ status: byProvider.status, type: byProvider.body.type }).to.deep.equal({ status: 403, type: `${PROBLEM}wrong-role` });
    const noJob = await stack.call('POST', `/v1/jobs/J-0000000000/photos`, demo.tokens.installerTechnician);
    expect(noJob.status).to.equal(404);
  });

  it('refuses a photo whose job ended while it was on its way, and records none of it', async () => {
    const job = await jobIn('RUNNING');
    const jpeg = Buffer.concat([await jpegWithExif(10, 10), Buffer.alloc(100_000, 7)]);
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    // A phone on a slow network: the upload is checked when it starts, its body takes a while.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(jpeg.subarray(0, 1000));
        await rest;
        controller.enqueue(jpeg.subarray(1000));
        controller.close();
      },
    });
    const uploading = fetch(`${stack.baseUrl}/v1/jobs/${job}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.tokens.installerTechnician}`, 'content-type': 'image/jpeg' },
      body,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const failed = await stack.call('POST', `/v1/jobs/${job}/fail`, demo.tokens.installerTechnician, { reason: 'Vehicle not found' });
    expect(failed.body.status).to.equal('FAILED');
    sendRest();
    const answer = await uploading;
    const problem = (await answer.json()) as { type: string; errors: unknown[] };
    expect({ status: answer.status, type: problem.type }).to.deep.equal({ status: 409, type: `${PROBLEM}wrong-status` });
    expect(problem.errors).to.deep.equal([{ pointer: '/status', message: 'is FAILED', rule: 'status' }]);
    const photos = await stack.call('GET', `/v1/jobs/${job}/photos`, demo.tokens.installerTechnician);
    expect(photos.body.items, 'no photo recorded for the ended job').to.deep.equal([]);
  });

  it('shows a photo to exactly the people who may see its job: 404 for everyone else', async () => {
    const photo = (await upload(runningJob, await jpegWithExif(40, 30), 'image/jpeg')).body;
    const stamp = Date.now().toString(36);
    // Another tenant; another company, accepted for the same fleet but not assigned the job; and
    // users of the job's own provider limited to another customer.
    const other = await onboardProvider(stack.db, { name: `Other ${stamp}`, adminEmail: `o-${stamp}@other.example`, fleetName: 'Other' });
    const rival = await createInstallerCompany(stack.db, { name: `Rival ${stamp}`, adminEmail: `r-${stamp}@rival.example` });
    await stack.db('invitations').insert({
      fleet_id: demo.fleetId,
      email: `r-${stamp}@rival.example`,
      installer_company_id: rival.companyId,
      status: 'ACCEPTED',
      token_hash: newToken('inv').hash,
    });
    const dispatcher = await stack.call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: `d-${stamp}@demo-staff.example`,
      role: 'provider_dispatcher',
      customers: ['Somebody Else'],
    });
    expect(dispatcher.status, dispatcher.text).to.equal(201);

    const allowed = {
      'the provider admin': demo.tokens.providerAdmin,
      "the customer's portal user": demo.tokens.customerPortal,
      "the assigned company's admin": demo.tokens.installerAdmin,
      "the assigned company's technician": demo.tokens.installerTechnician,
    };
    const strangers = {
      'another provider': other.adminToken,
      'a company not assigned the job': rival.adminToken,
      'a dispatcher for another customer': dispatcher.body.token,
    };
    for (const path of [photo.url, photo.thumbnailUrl]) {
      for (const [who, token] of Object.entries(allowed)) expect((await download(path, token)).status, `${path} for ${who}`).to.equal(200);
      for (const [who, token] of Object.entries(strangers)) {
        const answer = await stack.call('GET', path, token);
        const missing = await stack.call('GET', path.replace(photo.photoId, randomUUID()), token);
        expect({ status: answer.status, type: answer.body.type }, `${path} for ${who}`).to.deep.equal({
          status: 404,
          type: `${PROBLEM}not-found`,
        });
        expect(answer.body.type).to.equal(missing.body.type);
      }
    }
    expect((await stack.call('GET', '/v1/photos/not-a-uuid', demo.tokens.providerAdmin)).status).to.equal(404);
    expect((await stack.call('GET', photo.url)).status, 'no token').to.equal(401);
  });

  /** An upload through node:http, to send exactly the headers and chunks given, and see how much was sent before the answer. */
  function rawUpload(jobId: string, headers: Record<string, string>, chunks: Uint8Array[]) {
    return new Promise<{ status: number; text: string; bodyBytesSent: number }>((resolve, reject) => {
      const url = new URL(`${stack.baseUrl}/v1/jobs/${jobId}/photos`);
      let sent = 0;
      let answered = false;
      const request = http.request(
        url,
        { method: 'POST', headers: { authorization: `Bearer ${demo.tokens.installerTechnician}`, ...headers } },
        (response) => {
          answered = true;
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(parts).toString(), bodyBytesSent: sent }));
        },
      );
      request.on('error', reject);
      request.flushHeaders();
      const writeNext = (index: number) => {
        if (answered || index >= chunks.length) {
          // A declared length not sent in full: the answer has come, so the rest is dropped.
          if (headers['content-length'] && !answered) return;
          return void request.end();
        }
        sent += chunks[index]!.length;
        request.write(chunks[index], () => setTimeout(() => writeNext(index + 1), 5));
      };
      setTimeout(() => writeNext(0), 50);
    });
  }
});
