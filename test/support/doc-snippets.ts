import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.ts'

/**
 * What a user may paste from docs/: every fenced code block, and every inline code span that is a
 * command with arguments (`kubectl -n shop …`, `pnpm octopus:template`). Each has an id, the hash
 * of its text, so that changing a snippet makes its inventory entry (test/e2e/doc-snippets) stale.
 */
export interface DocSnippet {
  /** Relative to the repository, e.g. docs/in-cluster.md. */
  file: string
  line: number
  kind: 'block' | 'inline'
  /** The fence's language (`bash`, `yaml`, `text`); empty for inline code. */
  language: string
  text: string
  id: string
}

const COMMANDS = /^(kubectl|docker|npm|npx|node|pnpm|git|tar|steadystate|scripts\/[\w.-]+|sha256sum|gh) /

function snippetId(file: string, text: string): string {
  return createHash('sha256').update(`${file}\n${text}`).digest('hex').slice(0, 12)
}

/** A command with arguments: three words or more, or two where the second is not a plain word. */
function isCommand(code: string): boolean {
  if (!COMMANDS.test(code)) return false
  const words = code.trim().split(/\s+/)
  return words.length >= 3 || (words.length === 2 && /[^A-Za-z]/.test(words[1] ?? ''))
}

function snippetsOf(file: string): DocSnippet[] {
  const lines = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n')
  const found: DocSnippet[] = []
  let fence: { indent: string; language: string; start: number; body: string[] } | undefined
  lines.forEach((line, index) => {
    const marker = /^(\s*)```(\w*)\s*$/.exec(line)
    if (fence !== undefined) {
      if (marker !== null && marker[1] === fence.indent) {
        const text = `${fence.body.join('\n')}\n`
        found.push({
          file,
          line: fence.start,
          kind: 'block',
          language: fence.language,
          text,
          id: snippetId(file, text),
        })
        fence = undefined
      } else {
        fence.body.push(line.startsWith(fence.indent) ? line.slice(fence.indent.length) : line)
      }
      return
    }
    if (marker !== null) {
      fence = { indent: marker[1] ?? '', language: marker[2] ?? '', start: index + 1, body: [] }
      return
    }
    for (const span of line.matchAll(/`([^`]+)`/g)) {
      const code = span[1] ?? ''
      if (isCommand(code)) {
        found.push({
          file,
          line: index + 1,
          kind: 'inline',
          language: '',
          text: code,
          id: snippetId(file, code),
        })
      }
    }
  })
  return found
}

/** Every snippet of every Markdown file in docs/, in file and line order. */
export function docSnippets(): DocSnippet[] {
  return readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((name) => snippetsOf(`docs/${name}`))
}

/** The one snippet of `file` whose text starts with `start` (a test that runs it names it so). */
export function docSnippet(file: string, start: string, kind?: DocSnippet['kind']): DocSnippet {
  const matching = docSnippets().filter(
    (s) => s.file === file && s.text.startsWith(start) && (kind === undefined || s.kind === kind),
  )
  if (matching.length !== 1) {
    throw new Error(
      `${file}: expected one snippet starting with ${JSON.stringify(start)}, found ${matching.length}`,
    )
  }
  return matching[0]!
}
