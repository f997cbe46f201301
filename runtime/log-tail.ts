import fs from 'node:fs';

/** The last lines of a server's log, quoted when it fails to start so nobody has to go looking. */
export function logTail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
