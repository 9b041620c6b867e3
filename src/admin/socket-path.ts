import { join, relative } from 'node:path';

export const ADMIN_SOCKET = 'faturador.sock';

// sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included.
const MAX_SOCKET_PATH = 103;

/** Where the admin socket of a DATA_DIR lives on disk. */
export function adminSocketFile(dataDir: string): string {
  return join(dataDir, ADMIN_SOCKET);
}

/**
 * The path to bind or connect to for the admin socket of DATA_DIR: the absolute path when it fits in sun_path,
 * else the path relative to the working directory, else (Linux) the path through a descriptor of DATA_DIR
 * (/proc/self/fd/N/faturador.sock), which the caller opens and keeps open while it binds or connects.
 */
export function adminSocketAddress(dataDir: string, openDir: () => number): string {
  const file = adminSocketFile(dataDir);
  if (Buffer.byteLength(file) <= MAX_SOCKET_PATH) return file;
  const rel = relative(process.cwd(), file);
  if (Buffer.byteLength(rel) <= MAX_SOCKET_PATH) return rel;
  if (process.platform === 'linux') return `/proc/self/fd/${openDir()}/${ADMIN_SOCKET}`;
  throw new Error(`The admin socket path ${file} is longer than a Unix socket address allows: use a shorter DATA_DIR.`);
}
