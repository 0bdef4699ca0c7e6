/**
 * The GitHub runner's reading of workflow commands in a step's output, reproduced from
 * actions/runner (`ActionCommand.TryParseV2`/`TryParse`, `ActionCommandManager.TryProcessCommand`,
 * `ProcessInvoker`'s `StreamReader.ReadLine`), so tests can tell exactly which commands a log issues:
 * - lines end at `\n`, `\r` or `\r\n`;
 * - v2: the line, after `TrimStart()` (every character .NET's `char.IsWhiteSpace` accepts), starts
 *   with `::`; the command runs to the next `::`, its name to the first space;
 * - v1: `##[` anywhere, the command runs to the next `]`;
 * - only registered names count (case-insensitive); `stop-commands` pauses every command until a
 *   line whose command is its token.
 * The runner compares with the current culture (ICU): characters ICU ignores, such as U+200B, may
 * be skipped when it looks for `::` and `##[`. `ignorable: true` models that too.
 */

const REGISTERED = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]

/** .NET's `char.IsWhiteSpace`. */
const DOTNET_WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

/** Default-ignorable code points ICU's collation skips (a subset: the ones a forger would use). */
const IGNORABLE =
  /^(?:\u00ad|\u034f|\u061c|[\u180b-\u180f]|[\u200b-\u200f]|[\u2060-\u2064]|[\u206a-\u206f]|\ufeff)$/

export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  data: string
  line: string
}

export interface ParseOptions {
  /** Also find `::` and `##[` across ICU-ignorable characters, as the culture-aware runner may. */
  ignorable?: boolean
}

/** The commands the runner would process in this output, in order (stopped ones left out). */
export function parseWorkflowCommands(output: string, options: ParseOptions = {}): WorkflowCommand[] {
  const registered = new Set(REGISTERED)
  let stopToken: string | undefined
  const commands: WorkflowCommand[] = []
  for (const line of output.split(/\r\n|\r|\n/)) {
    const command = tryParseV2(line, registered, options) ?? tryParseV1(line, registered, options)
    if (command === undefined) continue
    if (stopToken !== undefined) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase())
        stopToken = undefined
      }
      continue
    }
    if (command.name === 'stop-commands') {
      stopToken = command.data
      registered.add(stopToken.toLowerCase())
    }
    commands.push(command)
  }
  return commands
}

/** Index of `pattern` in `text` from `from`, skipping ignorable characters between its characters. */
function find(text: string, pattern: string, from: number, options: ParseOptions): number {
  if (options.ignorable !== true) return text.indexOf(pattern, from)
  for (let start = from; start < text.length; start++) {
    let at = start
    let matched = 0
    while (at < text.length && matched < pattern.length) {
      if (text[at] === pattern[matched]) matched++
      else if (matched === 0 || !IGNORABLE.test(text[at] ?? '')) break
      at++
    }
    if (matched === pattern.length) return start
  }
  return -1
}

function tryParseV2(
  line: string,
  registered: Set<string>,
  options: ParseOptions,
): WorkflowCommand | undefined {
  const message = line.replace(DOTNET_WHITESPACE, '')
  // StartsWith("::"): nothing before it, or (culture-aware) only characters ICU ignores.
  const start = find(message, '::', 0, options)
  if (start < 0) return undefined
  const before = Array.from(message.slice(0, start))
  if (before.length > 0 && !(options.ignorable === true && before.every((char) => IGNORABLE.test(char))))
    return undefined
  const end = find(message, '::', 2, options)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!registered.has(name.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      const equals = pair.indexOf('=')
      if (equals > 0) properties[pair.slice(0, equals)] = pair.slice(equals + 1)
    }
  }
  return { name: name.toLowerCase(), properties, data: message.slice(end + 2), line }
}

function tryParseV1(
  line: string,
  registered: Set<string>,
  options: ParseOptions,
): WorkflowCommand | undefined {
  const prefix = find(line, '##[', 0, options)
  if (prefix < 0) return undefined
  const close = line.indexOf(']', prefix)
  if (close < 0) return undefined
  const info = line.slice(prefix + 3, close)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!registered.has(name.toLowerCase())) return undefined
  return { name: name.toLowerCase(), properties: {}, data: line.slice(close + 1), line }
}
