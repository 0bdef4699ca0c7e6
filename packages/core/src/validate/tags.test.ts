import { describe, expect, it } from 'vitest'
import { validateTags } from './tags.ts'

describe('validateTags (the reference: `if tags:`, then each item it iterates)', () => {
  it('accepts a list of non-empty strings and every false value', () => {
    for (const tags of [undefined, ['a', 'b'], [], null, false, 0, '', {}])
      expect(validateTags(tags)).toEqual([])
  })

  it('accepts a string, as the reference does, with a warning saying how it is read', () => {
    expect(validateTags('a')).toEqual([
      {
        path: 'tags',
        message: 'tags is a string, which the Chaos Toolkit reads as the list of its characters; write ["a"]',
        severity: 'warning',
      },
    ])
  })

  it('judges a mapping by its keys', () => {
    expect(validateTags({ team: 'sre' }).map((issue) => issue.severity)).toEqual(['warning'])
    expect(validateTags({ '': 'x' }).map((issue) => issue.severity)).toEqual(['error', 'warning'])
  })

  it('refuses empty or non-string items and values the reference cannot iterate', () => {
    expect(validateTags(['ok', '', 3])).toEqual([
      { path: 'tags[1]', message: 'experiment tags must be a non-empty string', severity: 'error' },
      { path: 'tags[2]', message: 'experiment tags must be a non-empty string', severity: 'error' },
    ])
    expect(validateTags(5)).toEqual([
      { path: 'tags', message: 'experiment tags must be a list of non-empty strings', severity: 'error' },
    ])
    expect(validateTags(true)[0]?.severity).toBe('error')
  })
})
