import { createHash, randomInt } from 'node:crypto';

// Crockford base32: no I, L, O, U, so an id read out over the phone from the workshop survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** A short job id a person can type into a search box: `J-` and 10 characters (50 bits: a collision at a million jobs is about 1 in 2,000, and the workflow-id conflict catches it). */
export function newJobId(): string {
  let id = 'J-';
  for (let i = 0; i < LENGTH; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** The same kind of id, always the same for the same seed: a retried request finds the jobs its first attempt started. */
export function jobIdFrom(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = 'J-';
  for (let i = 0; i < LENGTH; i += 1) id += ALPHABET[digest[i]! % ALPHABET.length];
  return id;
}
