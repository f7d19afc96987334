// Loaded into every process the benchmark starts (node --import): the child ends when the benchmark does, even one
// that died without stopping it (a vitest worker ended at a timeout, a SIGKILL). Its stdin is a pipe whose writing end
// only the benchmark holds, so the end of that pipe is the benchmark's end.
import { fstatSync } from 'node:fs';

const GRACE_MS = 5_000;

function endWithParent(): void {
  // The child's own SIGTERM handling closes it as a stop would; one that does not end in time is ended here.
  setTimeout(() => process.exit(1), GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}

/** Only a pipe (or socket) tells of its writer's end: /dev/null or a closed stdin reads as ended at once. */
function stdinIsPipe(): boolean {
  try {
    const stdin = fstatSync(0);
    return stdin.isFIFO() || stdin.isSocket();
  } catch {
    return false;
  }
}

if (stdinIsPipe()) {
  const stdin = process.stdin;
  stdin.once('end', endWithParent);
  stdin.once('error', endWithParent);
  stdin.resume();
  // Watching the pipe must not keep a child alive that would otherwise end.
  (stdin as { unref?: () => void }).unref?.();
}
