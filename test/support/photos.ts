import sharp from 'sharp';

/**
 * A small JPEG made on the spot, with EXIF as a phone writes it: the camera, a GPS position and,
 * if given, an orientation (6: the camera was turned a quarter, so a viewer shows it height × width).
 */
export async function jpegWithExif(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).withExif({
    IFD0: { Make: 'TestPhone', Model: 'Camera 1' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 19/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 47/1' },
  });
  // sharp writes the orientation tag itself, from withMetadata, over anything in withExif.
  return (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).jpeg({ quality: 90 }).toBuffer();
}

/**
 * A HEIC as far as its container goes (brand `heic`, an `hvc1` item with its `ispe` size), made
 * from an AV1 HEIF that sharp writes, by renaming the AV1 boxes to their HEVC names: what an
 * iPhone sends, to everything that reads the header (the type and the dimensions), and just as
 * undecodable here as a real one (sharp's libvips has no HEVC decoder). No HEIC file is committed.
 */
export async function fakeHeic(width: number, height: number): Promise<Buffer> {
  const avif = await sharp({ create: { width, height, channels: 3, background: '#080' } })
    .heif({ compression: 'av1' })
    .toBuffer();
  const renamed = avif.toString('latin1').replaceAll('avif', 'heic').replaceAll('av01', 'hvc1').replaceAll('av1C', 'hvcC');
  return Buffer.from(renamed, 'latin1');
}

/** Uploads a JPEG (by default a small one made now) for a RUNNING job, as the installer whose token is given; answers its photoId. */
export async function uploadPhoto(baseUrl: string, jobId: string, token: string, jpeg?: Buffer): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/jobs/${jobId}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    body: jpeg ?? (await jpegWithExif(64, 48)),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`uploading a photo for job ${jobId} answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { photoId: string }).photoId;
}

/**
 * A step's `values` with every photo reference ({photoId}, alone or in a list) replaced by a photo
 * uploaded for the job just now: what an installer app sends after taking the pictures.
 */
export async function withUploadedPhotos(values: Record<string, unknown>, upload: () => Promise<string>): Promise<Record<string, unknown>> {
  const replaced: Record<string, unknown> = {};
  const photo = async (item: unknown) =>
    item !== null && typeof item === 'object' && 'photoId' in item ? { ...item, photoId: await upload() } : item;
  for (const [key, value] of Object.entries(values)) {
    replaced[key] = Array.isArray(value) ? await Promise.all(value.map(photo)) : await photo(value);
  }
  return replaced;
}
