import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs'
import { chmod, lstat, mkdir, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'

/**
 * The one way steadystate writes its files (journals, checkpoints, reports):
 * - a regular file, or a new one, is replaced atomically: a temporary file beside it, then a rename,
 *   so a reader (or a run killed mid-write) never sees half a file; its permissions are kept;
 * - a symlink is followed: its target is what gets replaced (or created), never the link itself;
 * - anything else that exists (`/dev/null`, `/dev/stdout`, a named pipe, a socket) is written in
 *   place: renaming over it would replace a device with a regular file;
 * - a directory is refused.
 * A failed write leaves no temporary file behind; `temporaries` (e.g. the CLI's set of files to
 * remove before a forced exit) holds the temporary file's path while it exists.
 */
export async function writeFileSafely(
  path: string,
  contents: string | Uint8Array,
  temporaries?: Pick<Set<string>, 'add' | 'delete'>,
): Promise<void> {
  const place = placement(await statOf(lstat, path), await statOf(stat, path))
  switch (place.kind) {
    case 'refuse':
      throw new Error(`${path}: ${place.reason}`)
    case 'in-place':
      await writeFile(path, contents)
      return
    case 'replace': {
      const target = place.link ? await linkTarget(path) : path
      await mkdir(dirname(target), { recursive: true })
      const temporary = temporaryPath(target)
      temporaries?.add(temporary)
      try {
        // No fsync: the rename is what keeps readers from seeing half a file; syncing would only
        // protect against power loss, at several milliseconds per checkpoint.
        await writeFile(temporary, contents, { flag: 'wx' })
        if (place.mode !== undefined) await chmod(temporary, place.mode)
        await rename(temporary, target)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      } finally {
        temporaries?.delete(temporary)
      }
    }
  }
}

/** `writeFileSafely`, synchronously: for the last write before a forced exit. */
export function writeFileSafelySync(path: string, contents: string | Uint8Array): void {
  const place = placement(statOfSync(lstatSync, path), statOfSync(statSync, path))
  switch (place.kind) {
    case 'refuse':
      throw new Error(`${path}: ${place.reason}`)
    case 'in-place':
      writeFileSync(path, contents)
      return
    case 'replace': {
      const target = place.link ? linkTargetSync(path) : path
      mkdirSync(dirname(target), { recursive: true })
      const temporary = temporaryPath(target)
      try {
        writeFileSync(temporary, contents, { flag: 'wx' })
        if (place.mode !== undefined) chmodSync(temporary, place.mode)
        renameSync(temporary, target)
      } catch (error) {
        rmSync(temporary, { force: true })
        throw error
      }
    }
  }
}

type Placement =
  | { kind: 'refuse'; reason: string }
  | { kind: 'in-place' }
  /** `link`: the path is a symlink, whose target is replaced; `mode`: the permissions to keep. */
  | { kind: 'replace'; link: boolean; mode: number | undefined }

/** What to do with `path`, from its `lstat` and `stat` (undefined where it does not exist). */
function placement(linkStats: Stats | undefined, targetStats: Stats | undefined): Placement {
  if (targetStats?.isDirectory() === true) return { kind: 'refuse', reason: 'is a directory' }
  if (targetStats !== undefined && !targetStats.isFile()) return { kind: 'in-place' }
  return {
    kind: 'replace',
    link: linkStats?.isSymbolicLink() === true,
    mode: targetStats === undefined ? undefined : targetStats.mode & 0o7777,
  }
}

function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

async function statOf(read: (path: string) => Promise<Stats>, path: string): Promise<Stats | undefined> {
  try {
    return await read(path)
  } catch {
    return undefined
  }
}

function statOfSync(read: (path: string) => Stats, path: string): Stats | undefined {
  try {
    return read(path)
  } catch {
    return undefined
  }
}

/** Where a symlink points, followed to the end; a dangling link's target is created. */
async function linkTarget(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    let current = path
    for (let hop = 0; hop < MAX_LINKS; hop++) {
      const next = await statOf(lstat, current)
      if (next?.isSymbolicLink() !== true) return current
      current = resolve(dirname(current), await readlink(current))
    }
    throw new Error(`${path}: too many levels of symbolic links`)
  }
}

function linkTargetSync(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    let current = path
    for (let hop = 0; hop < MAX_LINKS; hop++) {
      if (statOfSync(lstatSync, current)?.isSymbolicLink() !== true) return current
      current = resolve(dirname(current), readlinkSync(current))
    }
    throw new Error(`${path}: too many levels of symbolic links`)
  }
}

const MAX_LINKS = 40
