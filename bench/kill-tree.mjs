// SIGKILL to a process and all its descendants, found through /proc: as a lost machine or an
// OOM-killed pod would end them. The process is stopped first, so it starts no new child while its
// tree is read (the engine starts activities in process groups of their own, so a group kill would
// miss them). Shared by the kill benchmark and the tests (test/support/github-runner.ts).
import { readdirSync, readFileSync } from 'node:fs'

/** @param {number} pid */
export function killTree(pid) {
  try {
    process.kill(pid, 'SIGSTOP')
  } catch {
    return
  }
  /** @type {Map<number, number[]>} */
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name is in parentheses and may contain spaces; the parent PID follows it.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  /** @type {number[]} */
  const tree = []
  /** @param {number} id */
  const visit = (id) => {
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
