import { isWeakSecret, MIN_MASKED_LENGTH } from './common-words.ts'

/**
 * The shapes a secret takes once a probe, a server or a tool has printed it: besides the value
 * itself, its JSON-escaped forms (`json.dumps`, JavaScript, Go), its base64 forms (standard and
 * URL-safe, with and without padding, and the part of them that survives inside a longer base64
 * string, see `base64Cores`) and, for a multi-line secret (a PEM key, a kubeconfig), each line that
 * is worth masking on its own. Percent-encoding is matched by a pattern (`percentPattern`), since
 * encoders differ in which characters they escape; `percentForms` lists the usual literal ones for
 * CI systems that can only mask literals.
 */
export function secretForms(value: string): string[] {
  if (isWeakSecret(value)) return []
  const forms = new Set<string>([value, ...jsonForms(value), ...base64Forms(value)])
  for (const line of significantLines(value)) {
    forms.add(line)
    for (const form of jsonForms(line)) forms.add(form)
  }
  return [...forms].filter((form) => Array.from(form).length >= MIN_MASKED_LENGTH)
}

/**
 * What to register with a CI system's own masking (GitHub's `::add-mask::`, Octopus sensitive
 * variables), which matches literals only: the secret's forms and its usual percent-encodings.
 * Weak secrets (see `isWeakSecret`) are left out: a masker would blank every occurrence of them.
 */
export function maskerForms(value: string): string[] {
  return [...new Set([...secretForms(value), ...percentForms(value)])]
}

/** `"` `\` and control characters escaped: as JavaScript, Python (ASCII-only, the default) and Go write them. */
export function jsonForms(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1)
  const ascii = plain.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  const html = plain.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  // A JSON document printed inside another JSON string (a log line of a serialised message).
  const twice = JSON.stringify(plain).slice(1, -1)
  return [...new Set([plain, ascii, html, twice])].filter((form) => form !== value)
}

/** The shortest base64 fragment worth masking: shorter runs occur by chance in other base64 text. */
const MIN_BASE64_CORE = 8

/**
 * The value's UTF-8 bytes in base64: the whole encoding (standard and URL-safe, with and without
 * `=` padding) and its cores.
 */
export function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const standard = bytes.toString('base64')
  const forms = [standard, standard.replace(/=+$/, ''), ...base64Cores(bytes)]
  return [...new Set(forms.flatMap((form) => [form, urlSafe(form)]))]
}

/**
 * A secret embedded in a longer byte string is encoded differently depending on where it starts in
 * a 3-byte group: only the characters that encode whole groups of its own bytes are the same in
 * every string that holds it. For each of the three alignments, those characters (at least 8 of
 * them, so they cannot be matched by chance); the 1 to 3 characters at either edge, which mix the
 * secret's bits with its neighbours', are not masked.
 */
export function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = []
  for (const skip of [0, 2, 1]) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3
    if (whole <= 0) continue
    const core = bytes.subarray(skip, skip + whole).toString('base64')
    if (core.length >= MIN_BASE64_CORE) cores.push(core)
  }
  return cores
}

function urlSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_')
}

/** PEM armour is the same in every key: masking it would only hide which kind of file is shown. */
const PEM_ARMOUR = /^-----(?:BEGIN|END) [A-Z0-9 ]+-----$/

/** The lines of a multi-line secret that can be masked on their own (not short, common or armour). */
export function significantLines(value: string): string[] {
  if (!/[\r\n]/.test(value)) return []
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== value && !PEM_ARMOUR.test(line) && !isWeakSecret(line))
}

/** Characters no percent-encoder escapes. */
const UNRESERVED = /^[A-Za-z0-9]$/

/**
 * A pattern for every percent-encoding of the value: each character that some encoder escapes may
 * appear as itself or as its UTF-8 bytes in `%XX` form (either case), and a space also as `+`
 * (forms). Undefined when the value has no such character (then every encoding is the value itself).
 */
export function percentPattern(value: string): string | undefined {
  if (isWeakSecret(value)) return undefined
  let escapable = false
  const parts = Array.from(value).map((char) => {
    if (UNRESERVED.test(char)) return char
    escapable = true
    const encoded = [...Buffer.from(char, 'utf8')]
      .map((byte) => {
        const hex = byte.toString(16).toUpperCase().padStart(2, '0')
        return `%${hex.replace(/[A-F]/g, (digit) => `[${digit}${digit.toLowerCase()}]`)}`
      })
      .join('')
    const literal = char === ' ' ? '(?: |\\+)' : escapeRegExp(char)
    return `(?:${literal}|${encoded})`
  })
  return escapable ? parts.join('') : undefined
}

/**
 * The literal percent-encodings CI maskers should know (they cannot match a pattern): JavaScript's
 * `encodeURIComponent`, HTML forms (`+` for a space, as `URLSearchParams` and Python's `quote_plus`)
 * and Python's `quote` (which keeps `/`).
 */
export function percentForms(value: string): string[] {
  if (isWeakSecret(value)) return []
  const component = encodeURIComponent(value)
  const strict = component.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
  const form = new URLSearchParams({ v: value }).toString().slice(2)
  const python = strict.replace(/%2F/g, '/')
  const forms = new Set([component, strict, form, python, strict.replace(/%20/g, '+')])
  forms.delete(value)
  return [...forms]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
