import { describe, expect, it } from 'vitest'
import { neutraliseCommands } from './log.ts'

describe('neutraliseCommands', () => {
  it('breaks workflow commands in logged text, wherever a line starts with one, and nothing else', () => {
    const text = [
      '12:00:00.000 INFO  output: ::set-output name=x::y',
      '::add-mask::not-a-secret',
      '   ::error::indented',
      'legacy ##[error]command',
      'a:: b',
    ].join('\n')
    expect(neutraliseCommands(text).split('\n')).toEqual([
      '12:00:00.000 INFO  output: ::set-output name=x::y',
      ':\u200b:add-mask::not-a-secret',
      '   :\u200b:error::indented',
      'legacy #\u200b#[error]command',
      'a:: b',
    ])
  })
})
