/**
 * Finds where JSON text stops being valid. Node 20's `JSON.parse` errors often omit the position, and a
 * user fixing a 300-line experiment needs a line and column, so on failure we re-scan the text.
 */
import { SteadystateError } from '../errors.ts'

export function jsonErrorOffset(text: string): number {
  let index = 0
  const fail = (): never => {
    throw new ScanError(index)
  }
  const skipSpace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index++
  }
  const literal = (word: string): void => {
    for (const char of word) {
      if (text.charAt(index) !== char) fail()
      index++
    }
  }
  const string = (): void => {
    index++
    while (index < text.length) {
      const char = text.charAt(index)
      if (char === '"') {
        index++
        return
      }
      if (char === '\\') {
        index++
        const escape = text.charAt(index)
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 1, index + 5))) fail()
          index += 5
        } else if ('"\\/bfnrt'.includes(escape) && escape !== '') index++
        else fail()
      } else if (char < ' ') fail()
      else index++
    }
    fail()
  }
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index))
    if (match === null) fail()
    else index += match[0].length
  }
  const value = (): void => {
    skipSpace()
    const char = text.charAt(index)
    if (char === '{') container('}', true)
    else if (char === '[') container(']', false)
    else if (char === '"') string()
    else if (char === 't') literal('true')
    else if (char === 'f') literal('false')
    else if (char === 'n') literal('null')
    else number()
  }
  const container = (close: string, keyed: boolean): void => {
    index++
    skipSpace()
    if (text.charAt(index) === close) {
      index++
      return
    }
    for (;;) {
      if (keyed) {
        skipSpace()
        if (text.charAt(index) !== '"') fail()
        string()
        skipSpace()
        if (text.charAt(index) !== ':') fail()
        index++
      }
      value()
      skipSpace()
      const next = text.charAt(index)
      if (next === close) {
        index++
        return
      }
      if (next !== ',') fail()
      index++
    }
  }
  try {
    value()
    skipSpace()
    return index < text.length ? index : -1
  } catch (error) {
    if (error instanceof ScanError) return error.offset
    throw error
  }
}

/** Where the scan found the first character JSON does not allow (caught above: never escapes). */
class ScanError extends SteadystateError {
  constructor(readonly offset: number) {
    super('EXPERIMENT_UNREADABLE', `invalid JSON at offset ${offset}`)
    this.name = 'ScanError'
  }
}
