import { declared } from '../../test-support/providers.ts'
import { mkdtempSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sleep } from '../timers.ts'
import { processProvider } from './process.ts'
import { testContext } from '../../test-support/provider-context.ts'

/**
 * Process activities whose descendants outlive them or hold their output: the activity always
 * ends, at its deadline or once the process itself exited. Linux only (reads /proc).
 */
const NODE = process.execPath

/** A node one-liner that starts `sleep 300` in a new session holding our stdout/stderr, writes its pid, and exits. */
function daemonScript(pidFile: string): string {
  return [
    `const {spawn}=require('node:child_process');`,
    `const d=spawn('sleep',['300'],{detached:true,stdio:['ignore','inherit','inherit']});`,
    `require('node:fs').writeFileSync(${JSON.stringify(pidFile)},String(d.pid));d.unref();`,
  ].join('')
}

async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

/** Waits (bounded) until `pid` is gone; the bound only keeps a broken build from hanging. */
async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!(await isAlive(pid))) return true
    await sleep(50, new AbortController().signal)
  }
  return false
}

const leftovers: number[] = []
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
})

function pidFrom(file: string): number {
  const pid = Number(readFileSync(file, 'utf8'))
  leftovers.push(pid)
  return pid
}

describe.runIf(process.platform === 'linux')('process activities and their descendants', () => {
  it('ends at its timeout although a daemon it started holds its output, and kills that daemon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadystate-process-'))
    const pidFile = join(dir, 'daemon.pid')
    const context = testContext()
    const script = `${NODE} -e "${daemonScript(pidFile).replaceAll('"', '\\"')}"; sleep 300`
    await expect(
      processProvider.run(declared.process({ path: 'sh', arguments: ['-c', script], timeout: 1 }), context),
    ).rejects.toThrow(/^process activity took too long to complete$/)
    const daemon = pidFrom(pidFile)
    expect(await gone(daemon)).toBe(true)
    expect(context.logs.join('\n')).toMatch(
      new RegExp(
        `timeout of 1 s; stopped its process group.*killed ${daemon} \\(sleep\\), still holding its output`,
      ),
    )
  })

  it('ends once the process exits although a daemon still holds its output, which is left running and named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadystate-process-'))
    const pidFile = join(dir, 'daemon.pid')
    const context = testContext()
    const output = await processProvider.run(
      declared.process({ path: NODE, arguments: ['-e', `${daemonScript(pidFile)}console.log('started')`] }),
      context,
    )
    expect(output).toEqual({ status: 0, stdout: 'started\n', stderr: '' })
    const daemon = pidFrom(pidFile)
    expect(await isAlive(daemon)).toBe(true)
    expect(context.logs).toEqual([
      `the process exited, but ${daemon} (sleep) it started still hold(s) its output open; not waiting for them (left running), the output is what was read until then`,
    ])
  })

  it('at its timeout also stops descendants that left its process group with setsid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steadystate-process-'))
    const pidFile = join(dir, 'child.pid')
    const context = testContext()
    // A direct child in its own session, its output elsewhere: outside the process group, not a holder.
    const script = [
      `const {spawn}=require('node:child_process');`,
      `const c=spawn('sleep',['300'],{detached:true,stdio:'ignore'});`,
      `require('node:fs').writeFileSync(${JSON.stringify(pidFile)},String(c.pid));`,
      `setTimeout(()=>{},300000)`,
    ].join('')
    await expect(
      processProvider.run(declared.process({ path: NODE, arguments: ['-e', script], timeout: 1 }), context),
    ).rejects.toThrow('process activity took too long to complete')
    const child = pidFrom(pidFile)
    expect(await gone(child)).toBe(true)
    expect(context.logs.join('\n')).toContain(`and 1 descendant(s): ${child} (sleep)`)
  })

  it('stops the tree when the run is interrupted, and says so in the error', async () => {
    const controller = new AbortController()
    const running = processProvider.run(
      declared.process({ path: 'sh', arguments: ['-c', 'sleep 300 & sleep 300'] }),
      testContext({ signal: controller.signal }),
    )
    await sleep(200, new AbortController().signal)
    controller.abort('SIGTERM')
    const error: unknown = await running.catch((caught: unknown) => caught)
    if (!(error instanceof Error)) throw new Error(`expected an error, got ${String(error)}`)
    expect(error.message).toBe('process stopped: SIGTERM')
    expect(String(error.cause)).toMatch(
      /it was stopped \(SIGTERM\); stopped its process group and \d+ descendant\(s\): \d+ \(sleep\)/,
    )
  })

  it('takes a timeout beyond the 24.8 days a node timer can hold without firing at once', async () => {
    const output = await processProvider.run(
      declared.process({ path: 'sh', arguments: ['-c', 'sleep 0.2; echo done'], timeout: 3_000_000 }),
      testContext(),
    )
    expect(output).toEqual({ status: 0, stdout: 'done\n', stderr: '' })
  })
})
