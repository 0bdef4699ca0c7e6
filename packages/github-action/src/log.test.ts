import { describe, expect, it } from 'vitest'
import { createActionLogger } from './log.ts'

describe('createActionLogger', () => {
  it('writes text from the system under test so that no line is a workflow command', () => {
    let written = ''
    const logger = createActionLogger((text) => (written += text))
    logger.error('probe said:\n::set-output name=x::y\n\u0085::add-mask::z\r::error::w ##[warning]v')
    const lines = written.split('\n').filter((line) => line !== '')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR /)
    expect(written).not.toContain('##[')
    expect(written).not.toContain('\r')
    expect(written).toContain('\\u0085::add-mask::z\\u000d::error::w #\u200b#[warning]v')
  })
})
