/**
 * What a process activity left behind, found through /proc. Linux only: elsewhere every list is
 * empty and a process is stopped through its process group alone.
 */
import { readdir, readFile, readlink } from 'node:fs/promises'

/** A process found under /proc: its id and command name (as `ps -o comm` shows it). */
export interface ProcessInfo {
  pid: number
  command: string
}

const PROC = '/proc'

async function processIds(): Promise<number[]> {
  try {
    return (await readdir(PROC)).filter((name) => /^\d+$/.test(name)).map(Number)
  } catch {
    return []
  }
}

async function readStat(pid: number): Promise<{ ppid: number; command: string } | undefined> {
  try {
    const stat = await readFile(`${PROC}/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ')'.
    const close = stat.lastIndexOf(')')
    const fields = stat.slice(close + 2).split(' ')
    return { ppid: Number(fields[1]), command: stat.slice(stat.indexOf('(') + 1, close) }
  } catch {
    return undefined
  }
}

/**
 * Every live descendant of `root` (children, grandchildren, …), also those that left its process
 * group or session with setsid. Taken before signalling, while they are still linked to `root`.
 */
export async function descendantsOf(root: number): Promise<ProcessInfo[]> {
  const children = new Map<number, ProcessInfo[]>()
  for (const pid of await processIds()) {
    const stat = await readStat(pid)
    if (stat === undefined) continue
    const siblings = children.get(stat.ppid) ?? []
    siblings.push({ pid, command: stat.command })
    children.set(stat.ppid, siblings)
  }
  const found: ProcessInfo[] = []
  const queue = [root]
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    for (const child of children.get(parent) ?? []) {
      found.push(child)
      queue.push(child.pid)
    }
  }
  return found
}

/**
 * The kernel's names of the channels behind a process's stdout and stderr (`pipe:[…]`, or
 * `socket:[…]` for the socket pairs node uses as pipes): read from the process's side, since the
 * two ends of a socket pair have different names.
 */
export async function outputChannels(pid: number | undefined): Promise<string[]> {
  if (pid === undefined) return []
  const channels = await Promise.all([1, 2].map((fd) => readlink(`${PROC}/${pid}/fd/${fd}`).catch(() => '')))
  return channels.filter((target) => target.startsWith('pipe:') || target.startsWith('socket:'))
}

/**
 * The processes other than this one that hold one of `channels` open: after a process exited, these
 * are what it left running in the background with its stdout/stderr (a daemon, `cmd &`).
 */
export async function channelHolders(channels: readonly string[]): Promise<ProcessInfo[]> {
  if (channels.length === 0) return []
  const holds = async (pid: number): Promise<boolean> => {
    const fds = await readdir(`${PROC}/${pid}/fd`).catch(() => [])
    const targets = await Promise.all(fds.map((fd) => readlink(`${PROC}/${pid}/fd/${fd}`).catch(() => '')))
    return targets.some((target) => channels.includes(target))
  }
  const pids = (await processIds()).filter((pid) => pid !== process.pid)
  const holders = await Promise.all(
    pids.map(async (pid) =>
      (await holds(pid)) ? { pid, command: (await readStat(pid))?.command ?? '?' } : undefined,
    ),
  )
  return holders.filter((holder): holder is ProcessInfo => holder !== undefined)
}

/** Sends `signal` to a process group and to single processes, ignoring those already gone. */
export function signalAll(
  groupLeader: number | undefined,
  pids: readonly number[],
  signal: NodeJS.Signals,
): void {
  const targets = [...(groupLeader === undefined ? [] : [-groupLeader]), ...pids]
  for (const target of targets) {
    try {
      process.kill(target, signal)
    } catch {
      // Already gone.
    }
  }
}

export function describeProcesses(processes: readonly ProcessInfo[]): string {
  return processes.map((p) => `${p.pid} (${p.command})`).join(', ')
}
