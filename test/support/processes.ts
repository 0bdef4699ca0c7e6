import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { onTestFinished } from 'vitest'
import { killTree } from '../../bench/kill-tree.mjs'

/** How long a process left running at the end of its test gets to stop (and roll back) after SIGTERM. */
const STOP_GRACE_MS = 15_000

/**
 * Makes sure `child` and what it started do not outlive the test that started it, also when the
 * test times out or fails before waiting for it (see stopProcess). Children started outside a test
 * (in a hook) are killed when the test worker exits.
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

/**
 * SIGTERM to the process and every descendant (a wrapper like bash does not pass it on, and the
 * CLI must get it to roll back and write its journal), then after `graceMs` SIGKILL to whatever of
 * them is left, and to anything the process started since. Resolves once the process is gone.
 */
export async function stopProcess(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (!isRunning(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const tree = processTree(child.pid ?? 0)
  signalAll(tree, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (tree.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  if (isRunning(child)) killTree(child.pid ?? 0)
  signalAll(tree.filter(isAlive), 'SIGKILL')
  if (isRunning(child)) await exited
}

export { killTree }

/**
 * A process and all its descendants (the engine starts activities in process groups of their own,
 * so a group kill would miss them), read from /proc.
 */
function processTree(pid: number): number[] {
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
  return tree
}

/** Alive, and not a zombie waiting for its parent. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const id of pids) {
    try {
      process.kill(id, signal)
    } catch {
      // Already gone.
    }
  }
}
