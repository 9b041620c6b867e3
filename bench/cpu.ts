import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../src/infra/db/database.js';

/** utime + stime of a process (all its threads) in ms, from /proc (Linux; USER_HZ = 100); undefined when unreadable. */
export function procCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU ms this process has used (all threads: the event loop, PGlite, libuv and any worker threads). */
export const nodeCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU of the PostgreSQL backends serving one database, read from /proc: the backends are found through
 * `pg_stat_activity` (at the start, whenever `refresh` is called and at the end) and read every 250 ms, so a backend
 * that exits mid-window still counts up to its last reading. undefined when PostgreSQL is not local (/proc unreadable).
 */
export class PostgresCpu {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private readable = true;

  private constructor(private readonly database: Database) {}

  static async start(database: Database): Promise<PostgresCpu> {
    const t = new PostgresCpu(database);
    for (const pid of await t.pids()) {
      const ms = procCpuMs(pid);
      if (ms === undefined) t.readable = false;
      else (t.base.set(pid, ms), t.last.set(pid, ms));
    }
    t.timer = setInterval(() => t.sample(), 250);
    t.timer.unref();
    return t;
  }

  private async pids(): Promise<number[]> {
    const r = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`.execute(
      this.database.db,
    );
    return r.rows.map((x) => Number(x.pid));
  }

  private sample(): void {
    for (const pid of this.last.keys()) {
      const ms = procCpuMs(pid);
      if (ms !== undefined) this.last.set(pid, ms);
    }
  }

  /** Picks up backends opened since the start (a new one counts from 0 ms). */
  async refresh(): Promise<void> {
    for (const pid of await this.pids()) {
      if (this.last.has(pid)) continue;
      const ms = procCpuMs(pid);
      if (ms === undefined) this.readable = false;
      else (this.base.set(pid, 0), this.last.set(pid, ms));
    }
  }

  /** CPU ms used since the start by the backends seen; undefined when /proc could not be read. */
  async stop(): Promise<number | undefined> {
    await this.refresh();
    this.sample();
    clearInterval(this.timer);
    if (!this.readable || this.last.size === 0) return undefined;
    let total = 0;
    for (const [pid, ms] of this.last) total += ms - (this.base.get(pid) ?? 0);
    return total;
  }
}
