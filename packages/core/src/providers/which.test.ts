import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { which } from './which.ts'

/** A PATH of three folders: one empty, one with a non-executable `tool`, one with an executable one. */
function layout(): { root: string; env: { PATH: string; HOME: string } } {
  const root = mkdtempSync(join(tmpdir(), 'steadystate-which-'))
  for (const folder of ['empty', 'plain', 'bin', 'home/bin'])
    mkdirSync(join(root, folder), { recursive: true })
  writeFileSync(join(root, 'plain/tool'), '')
  writeFileSync(join(root, 'bin/tool'), '#!/bin/sh\n')
  chmodSync(join(root, 'bin/tool'), 0o755)
  writeFileSync(join(root, 'home/bin/mine'), '#!/bin/sh\n')
  chmodSync(join(root, 'home/bin/mine'), 0o755)
  mkdirSync(join(root, 'empty/tool-dir'))
  const PATH = ['', join(root, 'empty'), join(root, 'plain'), join(root, 'bin')].join(':')
  return { root, env: { PATH, HOME: join(root, 'home') } }
}

describe('which (shutil.which)', () => {
  it('finds the first executable file on PATH, skipping files that are not executable', async () => {
    const { root, env } = layout()
    expect(await which('tool', env, '/')).toBe(join(root, 'bin/tool'))
  })

  it('never answers a directory or a missing program', async () => {
    const { env } = layout()
    expect(await which('tool-dir', env, '/')).toBeUndefined()
    expect(await which('nope', env, '/')).toBeUndefined()
    expect(await which('nope', {}, '/')).toBeUndefined()
  })

  it('checks a path with a folder part as is: relative to cwd, or under ~', async () => {
    const { root, env } = layout()
    expect(await which('bin/tool', env, root)).toBe(join(root, 'bin/tool'))
    expect(await which('plain/tool', env, root)).toBeUndefined()
    expect(await which('~/bin/mine', env, '/')).toBe(join(root, 'home/bin/mine'))
  })
})
