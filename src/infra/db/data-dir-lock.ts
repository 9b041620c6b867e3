import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import fsx from 'fs-native-extensions';

export const LOCK_FILE = 'faturador.lock';

/** Another process has the embedded database of this DATA_DIR open. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Faturador process${holderPid ? ` (pid ${holderPid})` : ''}: ` +
        "PGlite is one process's database. Stop that process, use another DATA_DIR, or run several processes over " +
        'PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the exclusive lock of DATA_DIR, or throws DataDirBusyError at once.
 *
 * NOTE: a kernel lock on an open file (Linux: an open-file-description lock, F_OFD_SETLK; macOS: flock; Windows:
 * LockFileEx) through fs-native-extensions. The kernel drops it when the process ends in any way, SIGKILL included,
 * so a crash never leaves a stale lock, and taking it is atomic. A Unix socket alone (bind as the lock, connect()
 * → ECONNREFUSED as the sign of a stale one) cannot remove a stale socket race-free: between the refused connect
 * and the unlink another process may have bound a fresh one. So this lock decides, and only its holder binds the
 * admin socket (src/admin/), after unlinking whatever a dead holder left.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, 'a+', 0o600);
  let granted: boolean;
  try {
    granted = fsx.tryLock(fd);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  if (!granted) {
    closeSync(fd);
    throw new DataDirBusyError(dataDir, readPid(path));
  }
  // The holder's pid, for the message a second process prints (informative only: the lock is the kernel's).
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      try {
        ftruncateSync(fd, 0);
      } catch {
        /* released all the same */
      }
      fsx.unlock(fd);
      closeSync(fd);
    },
  };
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
