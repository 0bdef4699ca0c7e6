/**
 * Everything XML 1.0 cannot hold, even escaped: control characters, lone surrogates, U+FFFE/FFFF.
 * Journal outputs (process stdout) can contain any of them.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** An element with escaped attributes; `body` is already-escaped XML or undefined for `<x/>`. */
export function element(name: string, attributes: Record<string, string | number>, body?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('')
  return body === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`
}

/** Seconds as JUnit consumers expect: plain decimal, no exponent. */
export function seconds(value: number | undefined): string {
  return (value ?? 0).toFixed(6).replace(/\.?0+$/, '') || '0'
}
