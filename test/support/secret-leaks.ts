/**
 * What an attacker who reads a log, journal or report can decode, to check that a secret is in
 * none of them: the text as it is, and as every decoder a reader might apply would give it back.
 */

/** The forms a program prints a secret in, by name: what a hostile probe echoes. */
export function printedForms(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret, 'utf8')
  const embedded = (before: string) =>
    Buffer.concat([Buffer.from(before), bytes, Buffer.from(' and more bytes')]).toString('base64')
  return {
    exact: secret,
    json: JSON.stringify(secret).slice(1, -1),
    'json-ascii': JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    percent: encodeURIComponent(secret),
    'percent-lower': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    'percent-plus': new URLSearchParams({ v: secret }).toString().slice(2),
    base64: bytes.toString('base64'),
    'base64-unpadded': bytes.toString('base64').replace(/=+$/, ''),
    'base64-url': bytes.toString('base64url'),
    'base64-offset-1': embedded('a'),
    'base64-offset-2': embedded('ab'),
    'base64-offset-3': embedded('abc'),
  }
}

/** Whether `secret` can be read back from `text` by any decoder below. */
export function recoverable(text: string, secret: string): boolean {
  const variants = new Set<string>()
  for (const base of [text, text.replace(/[\u200b\r\n]/g, '')]) {
    for (const unescaped of [base, htmlDecode(base), markdownUnescape(base)]) {
      variants.add(unescaped)
      variants.add(jsonUnescape(unescaped))
      variants.add(percentDecode(unescaped, false))
      variants.add(percentDecode(unescaped, true))
    }
  }
  for (const variant of variants) {
    if (variant.includes(secret)) return true
    if (base64Runs(variant).some((decoded) => decoded.includes(secret))) return true
  }
  return false
}

function htmlDecode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function markdownUnescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

function jsonUnescape(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/\\(["\\/])/g, '$1')
    .replace(/\\n/g, '\n')
}

function percentDecode(text: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text
  return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** Every run of base64 (either alphabet), decoded from each of its first four characters. */
function base64Runs(text: string): string[] {
  const runs = text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []
  return runs.flatMap((run) =>
    [0, 1, 2, 3].map((skip) =>
      Buffer.from(run.slice(skip).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'),
    ),
  )
}
