import type { RunEvent } from '@steadystate/core'
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

export function createLogger(
  format: LogFormat,
  target: LogTarget,
  redact: (text: string) => string = (t) => t,
): Logger {
  const emit = (line: LogLine): void => {
    const text = redact(line.text)
    switch (format) {
      case 'json':
        target.write(
          `${JSON.stringify({ ts: new Date().toISOString(), level: line.level, message: text })}\n`,
        )
        return
      case 'plain': {
        const time = new Date().toISOString().slice(11, 23)
        const level = line.level === 'success' ? 'info' : line.level
        target.write(`${time} ${level.toUpperCase().padEnd(5)} ${'  '.repeat(line.indent)}${text}\n`)
        return
      }
      case 'pretty': {
        const colour = COLOURS[line.level]
        const symbol = SYMBOLS[line.level]
        const body = `${'  '.repeat(line.indent)}${symbol} ${text}`
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
        target.write(`${JSON.stringify({ ts: new Date().toISOString(), ...event })}\n`)
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
