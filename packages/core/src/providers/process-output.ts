import { decodeAsPython } from '../text/python-codec.ts'

/**
 * A process's stdout or stderr as text. A byte order mark says the encoding, as it does to the
 * reference (charset_normalizer is certain of it): UTF-16 is decoded as such, a UTF-8 mark dropped.
 * Anything else is UTF-8, undecodable bytes becoming U+FFFD. The reference guesses a legacy code
 * page for output that is not UTF-8 (README: where steadystate differs, on purpose).
 */
export function decodeProcessOutput(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8')
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return decodeAsPython(bytes, 'utf-16') ?? bytes.toString('utf8')
  return bytes.toString('utf8')
}
