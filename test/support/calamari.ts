/**
 * Calamari's reading of service messages in a script's standard output, reproduced from
 * OctopusDeploy/Calamari (`ServiceMessageParser`, `ServiceMessageCommandInvocationOutputSink`):
 * - a character state machine fed line after line, whose state carries across lines: `##octopus`
 *   anywhere (case-sensitive) opens a message, the next `]` (on any later line) closes it;
 * - the body, trimmed, `[` removed from its start and line breaks dropped, is read as the XML
 *   element `<body/>`; attribute values are base64 UTF-8; anything that does not parse is ignored;
 * - a `setVariable` message with a non-blank name sets an output variable.
 * Standard error is not parsed (Calamari's sink ignores it).
 */

export interface CalamariMessage {
  name: string
  attributes: Record<string, string>
}

const KEY = '##octopus'

export function parseServiceMessages(stdout: string): CalamariMessage[] {
  const messages: CalamariMessage[] = []
  let state: 'default' | 'possible' | 'inside' = 'default'
  let buffer = ''
  for (const line of stdout.split(/\r?\n/)) {
    for (const char of line) {
      if (state === 'default') {
        if (char === '#') {
          state = 'possible'
          buffer = char
        }
      } else if (state === 'possible') {
        buffer += char
        if (buffer === KEY) {
          state = 'inside'
          buffer = ''
        } else if (!KEY.startsWith(buffer)) {
          state = 'default'
          buffer = ''
        }
      } else if (char === ']') {
        const message = readMessage(buffer)
        if (message !== undefined) messages.push(message)
        state = 'default'
        buffer = ''
      } else buffer += char
    }
  }
  return messages
}

/** XElement.Parse of `<body/>`, for the attribute syntax service messages use. */
function readMessage(body: string): CalamariMessage | undefined {
  const text = body
    .trim()
    .replace(/^\[+/, '')
    .replace(/[\r\n]/g, '')
  const element = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:'[^'<]*'|"[^"<]*"))*)\s*$/.exec(text)
  if (element === null) return undefined
  const attributes: Record<string, string> = {}
  for (const match of (element[2] ?? '').matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)) {
    const value = match[2] ?? match[3] ?? ''
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
    attributes[(match[1] ?? '').toLowerCase()] = Buffer.from(value, 'base64').toString('utf8')
  }
  return { name: element[1] ?? '', attributes }
}

/** The output variables Calamari would set from this output. */
export function outputVariables(stdout: string): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const message of parseServiceMessages(stdout)) {
    const name = message.attributes.name
    if (message.name === 'setVariable' && name !== undefined && name.trim() !== '')
      variables[name] = message.attributes.value ?? ''
  }
  return variables
}
