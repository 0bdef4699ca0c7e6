import type { Redactor, RunEvent } from '@steadystate/core'
import { safeJsonLine, safeLines } from './ci-safe.ts'
import { formatEvent, type Level, type LogLine } from './format-event.ts'

export type LogFormat = 'pretty' | 'plain' | 'json'

/** Where human output goes; injectable so tests can capture it. */
export interface LogTarget {
  write(text: string): void
  isTTY: boolean
}

export interface Logger {
  event(event: RunEvent): void
  info(text: string): void
  success(text: string): void
  warn(text: string): void
  error(text: string): void
}

const COLOURS: Record<Level, string> = {
  info: '',
  warn: '\u001b[33m',
  error: '\u001b[31m',
  success: '\u001b[32m',
}
const SYMBOLS: Record<Level, string> = { info: ' ', warn: '!', error: '✗', success: '✓' }
const RESET = '\u001b[0m'
const BOLD = '\u001b[1m'

/**
 * Picks the log format: JSON when asked, colours on an interactive terminal, plain timestamped lines
 * in CI and pipes (where colour codes and redraws only clutter the log).
 */
export function chooseFormat(
  requested: string | undefined,
  target: LogTarget,
  env: Record<string, string | undefined>,
): LogFormat {
  if (requested === 'json') return 'json'
  if (requested === 'plain' || requested === 'string') return 'plain'
  if (requested === 'pretty') return 'pretty'
  return target.isTTY && env.CI === undefined && env.NO_COLOR === undefined ? 'pretty' : 'plain'
}

/**
 * Every format writes CI-safe text (see `ci-safe.ts`): each physical line starts with steadystate's
 * own prefix (a timestamp, a symbol, or `{` in JSON), and what follows cannot be read as a command
 * by GitHub, Octopus or GitLab, whatever the system under test put in it.
 */
export function createLogger(format: LogFormat, target: LogTarget): Logger {
  const json = (record: Record<string, unknown>): void =>
    target.write(`${safeJsonLine(JSON.stringify({ ts: new Date().toISOString(), ...record }))}\n`)
  const emit = (line: LogLine): void => {
    switch (format) {
      case 'json':
        json({ level: line.level, message: line.text })
        return
      case 'plain': {
        const time = new Date().toISOString().slice(11, 23)
        const level = line.level === 'success' ? 'info' : line.level
        const prefix = `${time} ${level.toUpperCase().padEnd(5)} ${'  '.repeat(line.indent)}`
        target.write(
          safeLines(line.text)
            .map((text) => `${prefix}${text}\n`)
            .join(''),
        )
        return
      }
      case 'pretty': {
        const colour = COLOURS[line.level]
        const indent = '  '.repeat(line.indent)
        const body = safeLines(line.text)
          .map((text, index) => `${indent}${index === 0 ? SYMBOLS[line.level] : '|'} ${text}`)
          .join('\n')
        // Section headers (top-level information) in bold, so the phases stand out.
        const style = colour === '' && line.indent === 0 ? BOLD : colour
        target.write(style === '' ? `${body}\n` : `${style}${body}${RESET}\n`)
        return
      }
    }
  }
  return {
    event(event) {
      if (format === 'json') {
        json({ ...event })
        return
      }
      for (const line of formatEvent(event)) emit(line)
    },
    info: (text) => emit({ level: 'info', indent: 0, text }),
    success: (text) => emit({ level: 'success', indent: 0, text }),
    warn: (text) => emit({ level: 'warn', indent: 0, text }),
    error: (text) => emit({ level: 'error', indent: 0, text }),
  }
}

/**
 * A logger that masks secrets in every message and event before `logger` writes it: for what a
 * job logs itself (validation problems can quote secret literals of the experiment). Events from
 * the engine are masked already; masking is idempotent.
 */
export function redactingLogger(logger: Logger, redactor: Pick<Redactor, 'text' | 'deep'>): Logger {
  return {
    event: (event) => logger.event(redactor.deep(event)),
    info: (text) => logger.info(redactor.text(text)),
    success: (text) => logger.success(redactor.text(text)),
    warn: (text) => logger.warn(redactor.text(text)),
    error: (text) => logger.error(redactor.text(text)),
  }
}
