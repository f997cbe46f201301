import type { PhotoSettings } from '../common/config';
import { LocalPhotoStore } from './local-store';
import type * as S3Store from './s3-store';
import type { PhotoStore } from './store-contract';

export { checkKey, type PhotoStore } from './store-contract';

/**
 * The store PHOTO_STORE_URL names, or the local disk under the data directory. The AWS SDK is
 * loaded only for S3: `npm start` (local disk) spares the time and memory it takes to load.
 */
export function photoStoreFor(settings: PhotoSettings): PhotoStore {
  const { store } = settings;
  if (store.kind === 'local') return new LocalPhotoStore(store.dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3PhotoStore } = require('./s3-store') as typeof S3Store;
  return new S3PhotoStore(store);
}
