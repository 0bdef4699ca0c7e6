import { describe, expect, it } from 'vitest'
import { substitute, substituteString } from './substitution.ts'

const scope = {
  configuration: { host: 'example.org', port: 8080, flags: { a: 1 }, enabled: true },
  secrets: { k8s: { token: 's3cr3t' }, other: { host: 'shadowed' } },
}

describe('substitution (Python string.Template rules)', () => {
  it('keeps the type of a value when the string is exactly ${name}', () => {
    expect(substituteString('${port}', scope)).toBe(8080)
    expect(substituteString('${flags}', scope)).toEqual({ a: 1 })
  })
  it("formats values with Python's str() inside longer strings", () => {
    expect(substituteString('http://${host}:${port}/', scope)).toBe('http://example.org:8080/')
    expect(substituteString('on=${enabled}', scope)).toBe('on=True')
    expect(substituteString('f=${flags}', scope)).toBe("f={'a': 1}")
  })
  it('reads secrets from every scope, configuration first', () => {
    expect(substituteString('Bearer ${token}', scope)).toBe('Bearer s3cr3t')
    expect(substituteString('${host}', scope)).toBe('example.org')
  })
  it('leaves unknown names, invalid names and $$ as the reference does', () => {
    expect(substituteString('${missing} $missing', scope)).toBe('${missing} $missing')
    expect(substituteString('${a-b}', scope)).toBe('${a-b}')
    expect(substituteString('cost: $$5 $host', scope)).toBe('cost: $5 example.org')
  })
  it('recurses into lists and object values but never keys', () => {
    expect(substitute({ '${host}': ['${port}', { url: '${host}' }] }, scope)).toEqual({
      '${host}': [8080, { url: 'example.org' }],
    })
  })
})
