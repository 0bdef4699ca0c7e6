/**
 * Logging must never take a run down: when the reader of stdout or stderr goes away (a closed pipe,
 * `| head`, a CI log that stopped reading), the write fails with EPIPE, which Node reports as an
 * 'error' event that would crash the process, mid-run and before its journal and rollbacks. Such
 * errors are ignored: later output goes nowhere, and the run, its rollbacks and its journal go on.
 */
export function surviveClosedOutput(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) stream.on('error', () => undefined)
}
