// heic-decode ships no types: the part of its API we call (README of heic-decode 2.1.0).
declare module 'heic-decode' {
  /** The first image of a HEIF/HEIC file, decoded to RGBA pixels. */
  function decode(input: { buffer: Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  export default decode;
}
