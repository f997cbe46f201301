import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time of the servers a bench started itself (the Temporal dev server, embedded Postgres and
 * its backends are all descendants of this process), by command name, read from /proc. Unlike the
 * machine's total, it leaves out whatever else the machine runs meanwhile. Linux only: elsewhere,
 * and for servers the bench was given, it is empty.
 */
export function descendantsCpuMs(): Map<string, number> {
  const byCommand = new Map<string, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byCommand;
  }
  const processes: Array<{ pid: number; ppid: number; command: string; ms: number }> = [];
  for (const pid of entries) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // pid (comm) state ppid … utime stime cutime cstime (fields 14–17); comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    processes.push({
      pid: Number(pid),
      ppid: Number(fields[1]),
      command: stat.slice(stat.indexOf('(') + 1, close),
      ms: (ticks * 1000) / TICKS,
    });
  }
  // Reaped children's time is in their parent's cutime/cstime, so every descendant counts once.
  const descendants = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of processes)
      if (descendants.has(ppid) && !descendants.has(pid)) {
        descendants.add(pid);
        grew = true;
      }
  }
  for (const { pid, command, ms } of processes)
    if (pid !== process.pid && descendants.has(pid)) byCommand.set(command, (byCommand.get(command) ?? 0) + ms);
  return byCommand;
}

/** Clock ticks per second of /proc's times; 100 on every usual Linux. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
