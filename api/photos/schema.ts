import { PHOTO_CONTENT_TYPES } from '../../photos/inspect';
import { THUMBNAIL_CONTENT_TYPE, THUMBNAIL_SIZE } from '../../photos/thumbnail';

/** A photo as the API answers it: what was uploaded, by whom, and where to fetch it and its thumbnail. */
export const photoResource = {
  type: 'object',
  additionalProperties: false,
  required: ['photoId', 'jobId', 'contentType', 'size', 'width', 'height', 'sha256', 'takenBy', 'uploadedAt', 'url', 'thumbnailUrl'],
  description:
    'A photo of a job, stored as uploaded. Put its photoId in a photo field of the job (`{"photoId": …}`); fetch it from url, its thumbnail from thumbnailUrl.',
  properties: {
    photoId: { type: 'string', format: 'uuid' },
    jobId: { type: 'string', description: 'The job it was uploaded for.' },
    contentType: { enum: [...PHOTO_CONTENT_TYPES], description: 'As recognised from the bytes, whatever the upload said.' },
    size: { type: 'integer', minimum: 1, description: 'Bytes, as uploaded.' },
    width: { type: 'integer', minimum: 1, description: 'Pixels as the photo is shown (its EXIF orientation applied).' },
    height: { type: 'integer', minimum: 1 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the bytes as uploaded; also the ETag of url.' },
    takenBy: {
      type: 'object',
      additionalProperties: false,
      required: ['userId', 'email'],
      description: 'The installer who uploaded it.',
      properties: { userId: { type: 'string', format: 'uuid' }, email: { type: 'string' } },
    },
    uploadedAt: { type: 'string', format: 'date-time' },
    url: { type: 'string', description: 'GET it here: the original, EXIF and all.' },
    thumbnailUrl: {
      type: ['string', 'null'],
      description: `GET a ${THUMBNAIL_CONTENT_TYPE} of at most ${THUMBNAIL_SIZE} px here, without metadata; null when none could be made (a HEIF no decoder here reads: show a placeholder, or url).`,
    },
  },
} as const;

/** A job's photos with the field each fills: what a portal shows when checking a job. */
export const jobPhotos = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'The photos uploaded for the job and still kept, oldest first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [...photoResource.required, 'field'],
        properties: {
          ...photoResource.properties,
          field: {
            type: ['string', 'null'],
            description:
              'Key of the photo field that holds the photo; null while none does (such a photo is removed a while after the job ends).',
          },
        },
      },
    },
  },
} as const;
