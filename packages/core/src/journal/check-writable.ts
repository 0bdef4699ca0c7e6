import { errorMessage, systemErrorCode } from '../errors.ts'
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { access, lstat, mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Why `path` cannot be written, or undefined when it can: checked before anything runs, so a run
 * never injects a fault whose journal it then cannot write. A regular (or new) file's folders are
 * created and a small probe file is written beside it and removed (a read-only place, a full disk or
 * a missing permission all show); a device or pipe must be writable; a directory is refused.
 */
export async function writableProblem(path: string): Promise<string | undefined> {
  const target = await stat(path).catch(() => undefined)
  if (target?.isDirectory() === true) return 'it is a directory'
  try {
    if (target !== undefined && !target.isFile()) {
      await access(path, constants.W_OK)
      return undefined
    }
    const isLink = (await lstat(path).catch(() => undefined))?.isSymbolicLink() === true
    const real = isLink ? await realpath(path).catch(() => path) : path
    await mkdir(dirname(real), { recursive: true }).catch((error: unknown) => {
      // mkdir -p says EEXIST when a parent is a file.
      throw isCode(error, 'EEXIST') ? Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }) : error
    })
    const probe = join(
      dirname(real),
      `.${basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.probe`,
    )
    try {
      await writeFile(probe, 'steadystate checks that its journal can be written here\n', { flag: 'wx' })
    } finally {
      await rm(probe, { force: true })
    }
    return undefined
  } catch (error) {
    return describeFileError(error)
  }
}

function isCode(error: unknown, code: string): boolean {
  return systemErrorCode(error) === code
}

/** A file-system error in words, with its code: `permission denied (EACCES)`. */
export function describeFileError(error: unknown): string {
  const code = systemErrorCode(error) ?? ''
  const words = FILE_ERRORS[code]
  if (words !== undefined) return `${words} (${code})`
  return errorMessage(error)
}

const FILE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a parent of it is not a directory',
  ENOENT: 'a parent of it does not exist',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links',
  EPIPE: 'the reader has gone (broken pipe)',
}
