import CONTROLS_SOURCE from './worker_controls.py'
import WORKER_SOURCE from './worker.py'

/** How the worker's code is named in Python tracebacks (a journal's `exception` may show it). */
export const WORKER_FILENAME = 'steadystate/python-worker.py'

/**
 * What the interpreter runs (`python -u -c BOOTSTRAP`): it refuses Pythons older than 3.8 with a
 * JSON line any Python can write, then reads the worker's code from stdin (its length on a first
 * line, then the code; steadystate sends nothing else until the worker says it is ready) and runs
 * it. The code ships inside the bundle as text, so no file has to be found or written at run time.
 * As for the reference's `chaos` command, the working directory is not on sys.path (only
 * PYTHONPATH and the installed packages are).
 */
export const BOOTSTRAP = [
  'import sys',
  'if sys.version_info < (3, 8):',
  '    sys.stdout.write(\'{"type": "unsupported", "python": "%d.%d.%d"}\\n\' % tuple(sys.version_info[:3]))',
  '    sys.stdout.flush()',
  '    sys.exit(3)',
  'import linecache',
  'size = int(sys.stdin.buffer.readline())',
  'source = sys.stdin.buffer.read(size).decode("utf-8")',
  `name = ${JSON.stringify(WORKER_FILENAME)}`,
  'linecache.cache[name] = (len(source), None, source.splitlines(True), name)',
  'if sys.path and sys.path[0] == "":',
  '    del sys.path[0]',
  'sys.argv = ["steadystate"]',
  'exec(compile(source, name, "exec"), {"__name__": "steadystate_worker", "__file__": name})',
].join('\n')

/** The first bytes written to the worker's stdin: the length line, then the worker's code. */
export function workerPayload(): Buffer {
  const code = Buffer.from(workerSource(), 'utf8')
  return Buffer.concat([Buffer.from(`${code.length}\n`), code])
}

/**
 * The worker's code: its controls part first (definitions only), then the worker, which ends by
 * serving requests. One namespace: the controls part uses the worker's helpers at call time.
 */
export function workerSource(): string {
  return `${CONTROLS_SOURCE}\n${WORKER_SOURCE}`
}
