import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { PhotoSettings } from '../common/config';
import { checkKey, type PhotoStore } from './store-contract';

export type S3Settings = Extract<PhotoSettings['store'], { kind: 's3' }>;

/**
 * Up to this size a photo goes up as one PutObject whose body streams as it is read (its length is
 * known). Larger ones (a raised PHOTO_MAX_BYTES) go through lib-storage's Upload, in parts, which
 * copies the stream into part buffers and so holds one part in memory at a time.
 */
const SINGLE_PUT_BYTES = 100 * 1024 * 1024;

/** lib-storage's smallest part: a body up to this size goes up as one PutObject, a larger one in parts of this size. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * Photos in an S3-compatible bucket through the official AWS SDK v3: uploads stream (one PutObject,
 * or lib-storage's multipart Upload beyond SINGLE_PUT_BYTES), downloads stream the object's body as
 * it arrives. Credentials and, unless the URL names one, the region come the
 * SDK's usual way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION, a profile, an
 * instance role). An object is durable once S3 has answered its PUT.
 */
export class S3PhotoStore implements PhotoStore {
  readonly description: string;
  private readonly client: S3Client;

  private readonly singlePutBytes: number;

  /**
   * `credentials`: only where the environment cannot give them (the tests' own S3 server);
   * `singlePutBytes`: the largest photo sent as one PutObject (tests lower it to go multipart).
   */
  constructor(
    private readonly settings: Omit<S3Settings, 'kind'>,
    {
      credentials,
      singlePutBytes = SINGLE_PUT_BYTES,
    }: { credentials?: { accessKeyId: string; secretAccessKey: string }; singlePutBytes?: number } = {},
  ) {
    this.singlePutBytes = singlePutBytes;
    this.description = `s3://${settings.bucket}/${settings.prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
    this.client = new S3Client({
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      forcePathStyle: settings.forcePathStyle,
      // A streamed body goes as aws-chunked, whose chunks S3 wants at least 8 KiB but the last:
      // the SDK gathers a stream's small pieces into chunks of 64 KiB (the most it holds).
      requestStreamBufferSize: 64 * 1024,
    });
  }

  async put(key: string, body: Readable, info: { contentType: string; size: number }): Promise<void> {
    if (info.size <= this.singlePutBytes) {
      // One PUT, the body streamed as it is read (its length is known): no part is held in memory.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          Body: body,
          ContentLength: info.size,
          ContentType: info.contentType,
        }),
      );
      return;
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body, ContentType: info.contentType },
      partSize: PART_BYTES,
      queueSize: 1,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async get(key: string): Promise<{ body: Readable; size: number } | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      if (!(answer.Body instanceof Readable) || answer.ContentLength === undefined)
        throw new Error(`S3 answered ${key} without a body stream or its length`);
      return { body: answer.Body, size: answer.ContentLength };
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  private objectKey(key: string): string {
    return this.settings.prefix ? `${this.settings.prefix}/${checkKey(key)}` : checkKey(key);
  }
}
