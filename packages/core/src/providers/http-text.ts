import { decodeAsPython } from '../text/python-codec.ts'

/**
 * A response body as text, the way `requests`' `Response.text` (what the reference journals) reads
 * it: in the charset the Content-Type names, else ISO-8859-1 for any `text` type, UTF-8 for JSON;
 * undecodable bytes become U+FFFD; a charset Python does not know falls back to UTF-8. Where the
 * header says nothing, `requests` guesses with charset_normalizer: UTF-8 here (the same for ASCII
 * and UTF-8 bodies).
 */
export function responseText(body: Buffer, contentType: string | undefined): string {
  if (body.length === 0) return ''
  const encoding = contentType === undefined ? undefined : encodingOf(contentType)
  return (encoding === undefined ? undefined : decodeAsPython(body, encoding)) ?? body.toString('utf8')
}

/** `requests.utils.get_encoding_from_headers`: the media type is matched as written (case and all). */
export function encodingOf(contentType: string): string | undefined {
  const [mediaType = '', ...params] = contentType.split(';')
  let charset: string | undefined
  for (const param of params) {
    const equals = param.trim().indexOf('=')
    if (equals === -1) continue
    // A later charset parameter replaces an earlier one, as in the dict `requests` builds.
    if (stripQuotes(param.trim().slice(0, equals)).toLowerCase() === 'charset')
      charset = stripQuotes(param.trim().slice(equals + 1))
  }
  if (charset !== undefined) return charset
  if (mediaType.trim().includes('text')) return 'ISO-8859-1'
  if (mediaType.trim().includes('application/json')) return 'utf-8'
  return undefined
}

function stripQuotes(text: string): string {
  return text.replace(/^["' ]+|["' ]+$/g, '')
}
