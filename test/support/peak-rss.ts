import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Resets the kernel's peak RSS (VmHWM) to the current RSS, so that from here the peak is the caller's own ("5" to
 * clear_refs, Linux 4.0+). False where that is not possible (not Linux, not allowed): sample RSS instead.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Linux keeps a process's peak RSS (VmHWM), exact where sampling misses what happens between two samples. */
export function peakRss(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
