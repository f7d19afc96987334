// Loaded into every process the benchmark starts (node --import): the child ends when the benchmark does, even one
// that died without stopping it (a vitest worker ended at a timeout, a SIGKILL). Its stdin is a pipe whose writing end
// only the benchmark holds, so the end of that pipe is the benchmark's end.
const GRACE_MS = 5_000;

function endWithParent(): void {
  // The child's own SIGTERM handling closes it as a stop would; one that does not end in time is ended here.
  setTimeout(() => process.exit(1), GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}

const stdin = process.stdin;
stdin.once('end', endWithParent);
// A stdin that cannot be read (closed at start, not a pipe) ends nothing: the benchmark's own kill still applies.
stdin.once('error', () => undefined);
stdin.resume();
// Watching the pipe must not keep a child alive that would otherwise end.
(stdin as { unref?: () => void }).unref?.();
