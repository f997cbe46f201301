import type { PhotoSettings } from '../common/config';
import { LocalPhotoStore } from './local-store';
import { S3PhotoStore } from './s3-store';
import type { PhotoStore } from './store-contract';

export { checkKey, type PhotoStore } from './store-contract';

/** The store PHOTO_STORE_URL names, or the local disk under the data directory. */
export function photoStoreFor(settings: PhotoSettings): PhotoStore {
  const { store } = settings;
  return store.kind === 'local' ? new LocalPhotoStore(store.dir) : new S3PhotoStore(store);
}
