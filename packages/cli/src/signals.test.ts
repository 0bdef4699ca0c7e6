import { describe, expect, it } from 'vitest'
import { commandName } from './index.ts'
import { createSignalHandling, type InterruptMode } from './signals.ts'

function harness(mode: InterruptMode) {
  const written: string[] = []
  const exits: number[] = []
  const removed: string[] = []
  const handling = createSignalHandling(mode, {
    write: (text) => written.push(text),
    exit: (code) => exits.push(code),
    removeFile: (path) => removed.push(path),
  })
  return { handling, written, exits, removed }
}

describe('signals of `run` (graceful)', () => {
  it('first aborts the run, second reminds, third writes the checkpoint and says where', () => {
    const { handling, written, exits, removed } = harness('graceful')
    handling.onForcedExit(() => '/tmp/journal.json')
    handling.temporaryFiles.add('/tmp/report.pdf.1234.tmp')
    handling.handle('SIGINT')
    expect(handling.signal.aborted).toBe(true)
    expect(handling.signal.reason).toBe('SIGINT')
    expect(exits).toEqual([])
    handling.handle('SIGINT')
    expect(written).toEqual([
      'received SIGINT again: rollbacks are still running; send it once more to exit now\n',
    ])
    handling.handle('SIGTERM')
    expect(written.at(-1)).toBe(
      'received SIGTERM a third time: exiting without finishing the rollbacks; the last journal checkpoint is in /tmp/journal.json (the rollbacks may not have run)\n',
    )
    expect(removed).toEqual(['/tmp/report.pdf.1234.tmp'])
    expect(exits).toEqual([1])
  })

  it('never claims a journal it did not write', () => {
    const before = harness('graceful')
    for (let i = 0; i < 3; i++) before.handling.handle('SIGINT')
    expect(before.written.at(-1)).toContain('no journal was written: the run had not started')

    const empty = harness('graceful')
    empty.handling.onForcedExit(() => undefined)
    for (let i = 0; i < 3; i++) empty.handling.handle('SIGINT')
    expect(empty.written.at(-1)).toContain(
      'no journal was written: the run had not reached its first checkpoint',
    )

    const failing = harness('graceful')
    failing.handling.onForcedExit(() => {
      throw new Error('ENOSPC: no space left on device')
    })
    for (let i = 0; i < 3; i++) failing.handling.handle('SIGINT')
    expect(failing.written.at(-1)).toContain(
      'the last journal checkpoint could not be written: ENOSPC: no space left on device',
    )
    expect(failing.exits).toEqual([1])
  })
})

describe('signals of validate, report and discover (immediate)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops at once with exit %i, removing files half-written', (signal, code) => {
    const { handling, written, exits, removed } = harness('immediate')
    handling.temporaryFiles.add('/tmp/out.pdf.abcd.tmp')
    handling.handle(signal)
    expect(written).toEqual([`received ${signal}: stopping\n`])
    expect(removed).toEqual(['/tmp/out.pdf.abcd.tmp'])
    expect(exits).toEqual([code])
  })
})

describe('which command a command line runs (so signals are handled its way)', () => {
  it('skips the global flags main accepts, with their values', () => {
    expect(commandName(['run', 'x.json'])).toBe('run')
    expect(commandName(['--verbose', '--settings', 'run', 'validate', 'run'])).toBe('validate')
    expect(commandName(['--change-dir', 'run', 'report', 'j.json', 'out.md'])).toBe('report')
    expect(commandName([])).toBeUndefined()
  })
})
