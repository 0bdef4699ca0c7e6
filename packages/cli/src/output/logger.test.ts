import { describe, expect, it } from 'vitest'
import { Redactor } from '@steadystate/core'
import { DOTNET_WHITESPACE, neutraliseMarkers, safeJsonLine, safeLines } from './ci-safe.ts'
import { createLogger, redactingLogger } from './logger.ts'

function capture(format: 'plain' | 'json' | 'pretty'): {
  text: () => string
  logger: ReturnType<typeof createLogger>
} {
  let written = ''
  const logger = createLogger(format, { write: (text) => (written += text), isTTY: false })
  return { text: () => written, logger }
}

const HOSTILE =
  'out:\n::set-output name=x::y\r\n\u0085::add-mask::z\r##[error]w ##octopus[setVariable] \u001b[0Ksection_start:1:x\r\u001b[0K'

describe('CI-safe log lines', () => {
  it('prefix every physical line, escape controls and break every marker, in every format', () => {
    const plain = capture('plain')
    plain.logger.error(HOSTILE)
    const lines = plain.text().split('\n').slice(0, -1)
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR /)
    expect(plain.text()).not.toMatch(/##\[|##octopus|\r|\u0085/)
    expect(plain.text()).not.toContain('\u001b')
    expect(lines[2]).toContain('\\u0085::add-mask::z\\u000d#\u200b#[error]w #\u200b#octopus[setVariable]')

    const json = capture('json')
    json.logger.error(HOSTILE)
    expect(json.text()).not.toMatch(/##|\r|\u0085/)
    expect((JSON.parse(json.text()) as { message: string }).message).toBe(HOSTILE)

    const pretty = capture('pretty')
    pretty.logger.error(HOSTILE)
    expect(pretty.text()).not.toMatch(/##\[|##octopus|\r|\u0085/)
  })

  it('break a command at the start of a line behind any whitespace the runner trims', () => {
    for (const space of ['', ' ', '\t', '\u00a0', '\u2003', '\u3000'])
      expect(neutraliseMarkers(`${space}::error::x`)).toBe(`${space}:\u200b:error::x`)
    expect(DOTNET_WHITESPACE).toContain('\u0085')
    expect(safeLines('a\r\nb\rc')).toEqual(['a', 'b\\u000dc'])
    expect(safeJsonLine('{"m":"##[x] \u2028"}')).toBe('{"m":"\\u0023\\u0023[x] \\u2028"}')
  })

  it('mask secrets in what a job logs itself', () => {
    const plain = capture('plain')
    const logger = redactingLogger(plain.logger, new Redactor(['hunter2-secret']))
    logger.error('invalid: "hunter2-secret" is not a number')
    expect(plain.text()).toContain('invalid: "***" is not a number')
  })
})
