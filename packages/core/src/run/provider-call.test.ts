import { describe, expect, it } from 'vitest'
import { normalizeProvider } from '../experiment/normalize-provider.ts'
import { substituteProvider } from './provider-call.ts'

const none = { configuration: {}, secrets: {} }
const configured = { configuration: { pid: 42 }, secrets: {} }
const withSecrets = { configuration: {}, secrets: { scope: {} } }

describe('substituteProvider', () => {
  it('leaves arguments as written when the run has no configuration and no secrets', () => {
    const process = normalizeProvider({ type: 'process', path: 'sh', arguments: ['-c', 'kill -9 $$ ${pid}'] })
    expect(substituteProvider(process, none).source.arguments).toEqual(['-c', 'kill -9 $$ ${pid}'])
    const python = normalizeProvider({ type: 'python', module: 'm', func: 'f', arguments: { a: '$$' } })
    expect(substituteProvider(python, none).source.arguments).toEqual({ a: '$$' })
  })

  it('substitutes arguments once there is configuration or a secret scope, even an empty one', () => {
    const process = normalizeProvider({ type: 'process', path: 'sh', arguments: 'kill -9 $$ ${pid}' })
    expect(substituteProvider(process, configured).source.arguments).toBe('kill -9 $ 42')
    expect(substituteProvider(process, withSecrets).source.arguments).toBe('kill -9 $ ${pid}')
  })

  it('always substitutes the other fields, as the reference does for a URL', () => {
    const http = normalizeProvider({ type: 'http', url: 'http://h/$$', arguments: { q: '$$' } })
    const substituted = substituteProvider(http, none)
    expect(substituted.source.url).toBe('http://h/$')
    expect(substituted.source.arguments).toEqual({ q: '$$' })
  })
})
