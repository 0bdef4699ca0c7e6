import { describe, expect, it } from 'vitest'
import { splitCommand } from './pod-exec.ts'
import { parseSince } from './since.ts'

describe('parseSince', () => {
  it.each([
    ['10 minutes', 600],
    ['1 hour', 3600],
    ['30s', 30],
    ['2 days ago', 172800],
    ['1.5 min', 90],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseSince(text)).toBe(seconds)
  })
  it('names the expected form on bad input', () => {
    expect(() => parseSince('yesterday')).toThrow(/not a duration such as "10 minutes"/)
  })
})

describe('splitCommand', () => {
  it('splits like a shell for quoted words, and keeps lists as they are', () => {
    expect(splitCommand(`sh -c "echo 'hi there'"`)).toEqual(['sh', '-c', "echo 'hi there'"])
    expect(splitCommand(['ls', 1])).toEqual(['ls', '1'])
    expect(() => splitCommand('  ')).toThrow(/non-empty cmd/)
  })
})
