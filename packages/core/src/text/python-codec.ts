/**
 * Bytes decoded as Python's `bytes.decode(encoding, errors="replace")` decodes them, for the codecs
 * servers and programs name in practice. Python's names differ from the WHATWG labels `TextDecoder`
 * knows: to Python `latin-1` and `ascii` are themselves, to WHATWG both mean windows-1252, so those
 * (and UTF-8, UTF-16, windows-1252's undefined bytes) are decoded here; any other codec goes to
 * `TextDecoder` under the name given.
 */
export function decodeAsPython(bytes: Uint8Array, encoding: string): string | undefined {
  const codec = PYTHON_CODECS.get(normalizeCodecName(encoding))
  switch (codec) {
    case 'utf_8':
      return Buffer.from(bytes).toString('utf8')
    case 'utf_8_sig':
      return new TextDecoder('utf-8').decode(bytes)
    case 'latin_1':
      return Buffer.from(bytes).toString('latin1')
    case 'ascii':
      return Array.from(bytes, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : REPLACEMENT)).join('')
    case 'cp1252':
      return decodeCp1252(bytes)
    case 'utf_16':
      return decodeUtf16(bytes)
    case 'utf_16_le':
      return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes)
    case 'utf_16_be':
      return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes)
    case undefined:
      return decodeWithLabel(bytes, encoding)
  }
}

const REPLACEMENT = '\uFFFD'

type Codec = 'utf_8' | 'utf_8_sig' | 'latin_1' | 'ascii' | 'cp1252' | 'utf_16' | 'utf_16_le' | 'utf_16_be'

/** Python's names and common aliases (`encodings.aliases`) of the codecs decoded here. */
const PYTHON_CODECS = new Map<string, Codec>(
  Object.entries({
    utf_8: ['utf_8', 'utf8', 'u8', 'utf', 'cp65001', 'utf8_ucs2', 'utf8_ucs4'],
    utf_8_sig: ['utf_8_sig'],
    latin_1: [
      'latin_1',
      'latin1',
      'latin',
      'l1',
      'iso_8859_1',
      'iso8859_1',
      'iso8859',
      '8859',
      'cp819',
      'ibm819',
      'iso_8859_1_1987',
      'iso_ir_100',
      'csisolatin1',
    ],
    ascii: [
      'ascii',
      'us_ascii',
      'us',
      '646',
      'cp367',
      'ibm367',
      'csascii',
      'iso646_us',
      'iso_ir_6',
      'ansi_x3_4_1968',
      'ansi_x3_4_1986',
      'iso_646_irv_1991',
    ],
    cp1252: ['cp1252', 'windows_1252'],
    utf_16: ['utf_16', 'utf16', 'u16'],
    utf_16_le: ['utf_16_le', 'utf_16le', 'unicodelittleunmarked'],
    utf_16_be: ['utf_16_be', 'utf_16be', 'unicodebigunmarked'],
  } satisfies Record<Codec, string[]>).flatMap(([codec, names]) =>
    names.map((name) => [name, codec as Codec]),
  ),
)

/** Python's lookup: lower case, runs of anything but letters, digits and `.` become one `_`. */
function normalizeCodecName(name: string): string {
  return name
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter((part) => part !== '')
    .join('_')
    .replaceAll('.', '_')
}

/**
 * windows-1252: Latin-1 but for 0x80-0x9F, where it has typographic characters and five undefined
 * bytes (Python replaces those). Node's TextDecoder reads this range as Latin-1, so it is mapped here.
 */
function decodeCp1252(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) =>
    byte >= 0x80 && byte < 0xa0 ? (CP1252_0X80[byte - 0x80] ?? REPLACEMENT) : String.fromCharCode(byte),
  ).join('')
}
const CP1252_0X80 = Array.from(
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178',
)

/** Python's `utf-16`: a byte order mark says the order (and is dropped), else little-endian. */
function decodeUtf16(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes)
}

/** Another codec, by a name both Python and WHATWG know (shift_jis, iso-8859-2, koi8-r, …). */
function decodeWithLabel(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).decode(bytes)
  } catch {
    return undefined
  }
}
