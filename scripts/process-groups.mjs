// The test runner's children each lead their own process group (detached), so whatever a test file spawns
// (`faturador serve`, clients) can be ended with it: killing the group reaches the grandchildren too, which a kill of
// the child alone leaves running. The groups are killed when their file ends, on SIGINT/SIGTERM and on exit.
import { spawn } from 'node:child_process';

const groups = new Set();

/** Sends `signal` to a process group; false when none of its processes is left. */
export function killGroup(pgid, signal = 'SIGTERM') {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (error.code === 'ESRCH') return false;
    throw error;
  }
}

/** Sends `signal` to every process group spawned here that is still tracked. */
export function killGroups(signal = 'SIGTERM') {
  for (const pgid of groups) killGroup(pgid, signal);
}

/**
 * `spawn` with the child leading a new process group. When the child exits, what it left in its group gets SIGKILL
 * (a test file's servers outliving it are leaks) and the group is forgotten.
 */
export function spawnInGroup(cmd, args, options = {}) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid === undefined) return child;
  groups.add(child.pid);
  child.once('exit', () => {
    killGroup(child.pid, 'SIGKILL');
    groups.delete(child.pid);
  });
  return child;
}

let installed = false;
let stopping = false;

/** True once a signal has asked the run to stop (the pairs it ended are not failures to report). */
export function stopRequested() {
  return stopping;
}

/**
 * On SIGINT/SIGTERM: `onStop(signal)` (e.g. say what is running), the signal to every group, then, once each group's
 * leader has exited (its leftovers killed) or after `graceMs`, SIGKILL to what is left and exit 130/143. A second
 * signal exits at once. On any exit, SIGKILL to the groups left. A detached group is out of the terminal's reach,
 * so Ctrl-C reaches it only through this.
 */
export function killGroupsOnExit(onStop = () => {}, graceMs = 5_000) {
  if (installed) return;
  installed = true;
  const code = (signal) => (signal === 'SIGINT' ? 130 : 143);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      if (stopping) process.exit(code(signal));
      stopping = true;
      onStop(signal);
      killGroups(signal);
      const started = Date.now();
      setInterval(() => {
        if (!groups.size || Date.now() - started >= graceMs) process.exit(code(signal));
      }, 50);
    });
  process.on('exit', () => killGroups('SIGKILL'));
}
