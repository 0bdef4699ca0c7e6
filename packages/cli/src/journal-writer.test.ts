import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { JournalWriter } from './journal-writer.ts'

const checkpoint = (activity: string): Journal =>
  ({
    status: 'running',
    experiment: {},
    run: [],
    rollbacks: [],
    steadystate: {
      verdict: { kind: 'unfinished', summary: 'in progress' },
      progress: { phase: 'method', activity, startedAt: 'x', rollbacksPending: true },
    },
  }) as unknown as Journal

const read = (path: string): Journal => JSON.parse(readFileSync(path, 'utf8')) as Journal

describe('JournalWriter', () => {
  it('writes the latest checkpoint, then the final journal, after which checkpoints are ignored', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'writer-')), 'journal.json')
    const writer = new JournalWriter(path, () => undefined)
    void writer.checkpoint(checkpoint('a'))
    await writer.checkpoint(checkpoint('b'))
    expect(read(path).steadystate?.progress?.activity).toBe('b')
    await writer.writeFinal({ ...checkpoint('b'), status: 'completed' })
    await writer.checkpoint(checkpoint('late'))
    expect(read(path).status).toBe('completed')
    // After the final write, a forced exit writes the final journal, not a checkpoint.
    writer.writeForExit('test')
    expect(read(path).status).toBe('completed')
  })

  it('a forced exit writes the last checkpoint as abandoned: interrupted, still unfinished', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'writer-'))
    const path = join(folder, 'journal.json')
    const writer = new JournalWriter(path, () => undefined)
    await writer.checkpoint(checkpoint('kill'))
    writer.writeForExit('a repeated signal made it exit at once')
    const journal = read(path)
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.verdict.kind).toBe('unfinished')
    expect(journal.steadystate?.progress?.rollbacksPending).toBe(true)
    expect(readdirSync(folder)).toEqual(['journal.json'])
  })

  it('says once that a checkpoint could not be written, rejects for whoever waits, and goes on', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'writer-'))
    const warnings: string[] = []
    const writer = new JournalWriter(folder, (message) => warnings.push(message))
    await expect(writer.checkpoint(checkpoint('a'))).rejects.toThrow('is a directory')
    await expect(writer.checkpoint(checkpoint('b'))).rejects.toThrow()
    expect(warnings).toEqual([
      `could not write the journal checkpoint to ${folder}: ${folder}: is a directory; the run goes on, and the final journal is written at the end`,
    ])
  })
})
