import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { onTestFinished } from 'vitest'

/** How long a process left running at the end of its test gets to stop (and roll back) after SIGTERM. */
const STOP_GRACE_MS = 15_000

/**
 * Makes sure `child` does not outlive the test that started it, also when the test times out or
 * fails before waiting for it: SIGTERM (the CLI then stops, rolls back and writes its journal),
 * then SIGKILL to its whole process tree if it is still there after STOP_GRACE_MS. Children started
 * outside a test (in a hook) are killed when the test worker exits.
 */
export function stopWhenTestEnds(child: ChildProcess): void {
  try {
    onTestFinished(() => stopProcess(child))
  } catch {
    orphans.add(child)
  }
}

const orphans = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of orphans) if (isRunning(child)) killTree(child.pid ?? 0)
})

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null
}

/** SIGTERM, then after `graceMs` the whole tree with SIGKILL. Resolves once it is gone. */
export async function stopProcess(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (!isRunning(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<'grace over'>((resolve) => {
    timer = setTimeout(() => resolve('grace over'), graceMs)
  })
  const outcome = await Promise.race([exited, graceOver])
  clearTimeout(timer)
  if (outcome === 'grace over') {
    killTree(child.pid ?? 0)
    await exited
  }
}

/**
 * SIGKILL to a process and all its descendants, found through /proc before any is killed (the
 * engine starts activities in process groups of their own, so a group kill would miss them).
 */
export function killTree(pid: number): void {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || !existsSync(`/proc/${entry}/stat`)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name is in parentheses and may contain spaces; the parent PID follows it.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = []
  const visit = (id: number): void => {
    tree.push(id)
    for (const child of children.get(id) ?? []) visit(child)
  }
  visit(pid)
  for (const id of tree) {
    try {
      process.kill(id, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}
