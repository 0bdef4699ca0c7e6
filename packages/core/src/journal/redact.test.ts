import { describe, expect, it } from 'vitest'
import { REDACTED, Redactor } from './redact.ts'

const SECRET = 's3cr3t/Pa ss+wörd"x'

/** Every form a probe may print the secret in, as the Python and shell tools it calls would. */
function printedForms(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret, 'utf8')
  return {
    exact: secret,
    json: JSON.stringify(secret),
    pythonJson: JSON.stringify(secret).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
    percent: encodeURIComponent(secret),
    percentLower: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    form: new URLSearchParams({ p: secret }).toString(),
    base64: bytes.toString('base64'),
    base64Url: bytes.toString('base64url'),
    base64Line: Buffer.from(`${secret}\n`).toString('base64'),
    offset1: Buffer.concat([Buffer.from('a'), bytes, Buffer.from('tail bytes')]).toString('base64'),
    offset2: Buffer.concat([Buffer.from('ab'), bytes, Buffer.from('tail bytes')]).toString('base64'),
    offset3: Buffer.concat([Buffer.from('abc'), bytes]).toString('base64'),
  }
}

/** The secret's bytes can no longer be decoded from the text (base64 edges excepted). */
function leaks(text: string, secret: string): boolean {
  const forms = Object.values(printedForms(secret)).filter((form) => !/^[A-Za-z0-9+/_=-]+$/.test(form))
  return forms.some((form) => text.includes(form)) || decodesFromBase64(text, secret)
}

function decodesFromBase64(text: string, secret: string): boolean {
  return (text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []).some((run) =>
    [0, 1, 2, 3].some((drop) => Buffer.from(run.slice(drop), 'base64').toString('utf8').includes(secret)),
  )
}

describe('Redactor.text', () => {
  it('masks every printed form of a secret', () => {
    const redactor = new Redactor([SECRET])
    for (const [name, form] of Object.entries(printedForms(SECRET))) {
      const masked = redactor.text(`before ${form} after`)
      expect(masked, name).toContain(REDACTED)
      expect(masked.includes(SECRET), name).toBe(false)
      expect(leaks(masked, SECRET), `${name}: ${masked}`).toBe(false)
    }
  })

  it('masks each significant line of a multi-line secret, but not PEM armour', () => {
    const key = [
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
      'VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNb',
      '-----END PRIVATE KEY-----',
    ].join('\n')
    const redactor = new Redactor([key])
    const log = `line two: VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNb\n-----BEGIN PRIVATE KEY-----`
    expect(redactor.text(log)).toBe(`line two: ${REDACTED}\n-----BEGIN PRIVATE KEY-----`)
  })

  it('masks a short or common secret only where it is a whole value', () => {
    const redactor = new Redactor(['2026', 'completed', 'abc'])
    expect(redactor.text('2026')).toBe(REDACTED)
    expect(redactor.text('Started 2026-01-05T10:00:00')).toBe('Started 2026-01-05T10:00:00')
    expect(redactor.text('{"code":"abc","status":"completed"}')).toBe(
      `{"code":"${REDACTED}","status":"${REDACTED}"}`,
    )
    expect(redactor.text('{"abc": 1} abcdef')).toBe('{"abc": 1} abcdef')
    expect(redactor.weakCount).toBe(3)
  })
})

describe('Redactor.deep', () => {
  it('never changes journal keys, statuses, timestamps or numbers steadystate writes', () => {
    const redactor = new Redactor(['status', 'completed', '2026', 'steady_states', 'hunter2-long'])
    const journal = {
      start: '2026-01-05T10:00:00.000000',
      status: 'completed',
      steady_states: { before: null },
      duration: 2026,
      steadystate: { verdict: { kind: 'held', summary: 'completed' }, redactions: 0 },
      run: [{ activity: { name: 'p', type: 'probe' }, output: { status: 2026, token: 'hunter2-long' } }],
    }
    const { value, count } = redactor.deepCounted(journal)
    expect(value.start).toBe(journal.start)
    expect(value.status).toBe('completed')
    expect(value.duration).toBe(2026)
    expect(Object.keys(value)).toEqual(Object.keys(journal))
    expect(value.steadystate.verdict).toEqual({ kind: 'held', summary: REDACTED })
    // In what the system under test returned, a number equal to a numeric secret is a whole value.
    expect(value.run[0]?.output).toEqual({ status: REDACTED, token: REDACTED })
    expect(count).toBe(3)
  })

  it('masks secrets inside keys of outside data, keeping two masked keys apart', () => {
    const redactor = new Redactor(['tok-1234567'])
    const value = redactor.deep({ output: { 'a-tok-1234567': 1, 'b-tok-1234567': 2 } })
    expect(value.output).toEqual({ [`a-${REDACTED}`]: 1, [`b-${REDACTED}`]: 2 })
  })
})
