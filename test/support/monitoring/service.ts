import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'

/** A server process the tests started (Prometheus, Alertmanager), and how to stop it. */
export interface Service {
  name: string
  url: string
  child: ChildProcess
  /** What it printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

const running = new Set<ChildProcess>()
// Last resort if the test process exits without stopping them (e.g. Ctrl-C): no orphans.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/**
 * Starts `command` and waits until `readyUrl` answers 200. On Linux the child gets SIGKILL if the
 * test process dies (setpriv --pdeathsig), so even a killed test run leaves no server behind.
 */
export async function startService(
  name: string,
  command: string,
  args: string[],
  url: string,
  options: { readyHeaders?: Record<string, string>; timeoutMs?: number; readyPath?: string } = {},
): Promise<Service> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const guarded = existsSync('/usr/bin/setpriv')
  const child = guarded
    ? spawn('/usr/bin/setpriv', ['--pdeathsig', 'KILL', command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const service: Service = {
    name,
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      running.delete(child)
    },
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child)
      throw new Error(`${name} exited before it was ready (${command} ${args.join(' ')}):\n${output}`)
    }
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/-/ready'}`, {
        headers: options.readyHeaders ?? {},
      })
      if (response.ok) return service
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await service.stop()
  throw new Error(`${name} was not ready within ${timeoutMs} ms at ${url}:\n${output}`)
}
