import { execFileSync } from 'node:child_process'
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  mkdirSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writableProblem } from './check-writable.ts'
import { writeFileSafely, writeFileSafelySync } from './write-file.ts'

const dir = (): string => mkdtempSync(join(tmpdir(), 'steadystate-write-'))

function fifo(path: string): string {
  execFileSync('mkfifo', [path])
  return path
}

describe('writeFileSafely', () => {
  it('replaces a regular file whole, keeping its permissions and leaving no temporary file', async () => {
    const folder = dir()
    const path = join(folder, 'journal.json')
    writeFileSync(path, 'old')
    chmodSync(path, 0o640)
    await writeFileSafely(path, 'new')
    expect(readFileSync(path, 'utf8')).toBe('new')
    expect(statSync(path).mode & 0o777).toBe(0o640)
    expect(readdirSync(folder)).toEqual(['journal.json'])
  })

  it('creates missing parent folders', async () => {
    const path = join(dir(), 'results', 'chaos', 'journal.json')
    await writeFileSafely(path, '{}')
    expect(readFileSync(path, 'utf8')).toBe('{}')
  })

  it('follows a symlink: the target is replaced, the link stays a link; a dangling link gets its target', async () => {
    const folder = dir()
    const target = join(folder, 'real.json')
    writeFileSync(target, 'old')
    symlinkSync('real.json', join(folder, 'link.json'))
    await writeFileSafely(join(folder, 'link.json'), 'new')
    expect(lstatSync(join(folder, 'link.json')).isSymbolicLink()).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe('new')
    symlinkSync(join(folder, 'later', 'created.json'), join(folder, 'dangling.json'))
    writeFileSafelySync(join(folder, 'dangling.json'), 'made')
    expect(readFileSync(join(folder, 'later', 'created.json'), 'utf8')).toBe('made')
    expect(lstatSync(join(folder, 'dangling.json')).isSymbolicLink()).toBe(true)
  })

  it('writes a named pipe in place (as /dev/null or /dev/stdout): it stays a pipe', async () => {
    const folder = dir()
    const pipe = fifo(join(folder, 'journal.pipe'))
    const read = readFile(pipe, 'utf8')
    await writeFileSafely(pipe, 'through the pipe')
    expect(await read).toBe('through the pipe')
    expect(statSync(pipe).isFIFO()).toBe(true)
    symlinkSync(pipe, join(folder, 'link-to-pipe'))
    const again = readFile(pipe, 'utf8')
    await writeFileSafely(join(folder, 'link-to-pipe'), 'via a link')
    expect(await again).toBe('via a link')
    expect(statSync(pipe).isFIFO()).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(['journal.pipe', 'link-to-pipe'])
  })

  it('writes /dev/null in place, never replacing the device', async () => {
    await writeFileSafely('/dev/null', 'discarded')
    writeFileSafelySync('/dev/null', 'discarded')
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
  })

  it('refuses a directory, naming it', async () => {
    const folder = dir()
    await expect(writeFileSafely(folder, 'x')).rejects.toThrow(`${folder}: is a directory`)
    expect(() => writeFileSafelySync(folder, 'x')).toThrow(`${folder}: is a directory`)
  })
})

describe('writableProblem', () => {
  it('accepts a new file (creating its folders), an existing one, a pipe and /dev/null, leaving nothing behind', async () => {
    const folder = dir()
    expect(await writableProblem(join(folder, 'a', 'b', 'journal.json'))).toBeUndefined()
    expect(readdirSync(join(folder, 'a', 'b'))).toEqual([])
    writeFileSync(join(folder, 'existing.json'), '{}')
    expect(await writableProblem(join(folder, 'existing.json'))).toBeUndefined()
    expect(await writableProblem(fifo(join(folder, 'p')))).toBeUndefined()
    expect(await writableProblem('/dev/null')).toBeUndefined()
  })

  it('says why a path cannot be written: a directory, a parent that is a file', async () => {
    const folder = dir()
    expect(await writableProblem(folder)).toBe('it is a directory')
    writeFileSync(join(folder, 'file'), '')
    expect(await writableProblem(join(folder, 'file', 'journal.json'))).toBe(
      'a parent of it is not a directory (ENOTDIR)',
    )
    mkdirSync(join(folder, 'ok'))
    expect(readdirSync(folder).sort()).toEqual(['file', 'ok'])
  })
})
