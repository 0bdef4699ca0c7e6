/** Markdown building blocks that keep journal text (names, outputs, errors) from breaking the page. */

/** Inline text: Markdown and HTML characters escaped, on one line. */
export function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`)
    .trim()
}

/** A code span that survives backticks inside it; pipes escaped for tables. */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return ''
  const fence = flat.includes('`') ? '``' : '`'
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`
}

/** A table, its rows cut to `maxRows` with a closing note saying how many were left out. */
export function table(header: string[], rows: string[][], maxRows: number, what: string): string {
  const shown = rows.slice(0, maxRows)
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...shown.map((row) => `| ${row.join(' | ')} |`),
  ]
  const omitted = rows.length - shown.length
  if (omitted > 0) lines.push('', `_${omitted} more ${what} not shown here: see the journal._`)
  return lines.join('\n')
}
