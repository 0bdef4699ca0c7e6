import { escapeControls } from '@steadystate/core'

/**
 * Escapes text for HTML element content and attribute values: markup characters as references, and
 * control characters (bidirectional overrides among them) shown as `\uXXXX`, line breaks kept.
 */
export function esc(text: string): string {
  return escapeControls(text, { newlines: true }).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

export interface HtmlCell {
  text: string
  className?: string
  code?: boolean
}

export function htmlTable(header: string[], rows: (string | HtmlCell)[][]): string {
  const cell = (value: string | HtmlCell): string => {
    const c = typeof value === 'string' ? { text: value } : value
    const body = c.code === true ? `<code>${esc(c.text)}</code>` : esc(c.text)
    return c.className === undefined ? `<td>${body}</td>` : `<td class="${c.className}">${body}</td>`
  }
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`
}

export const STYLE = `
body{font-family:"Noto Sans",system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:.6rem 0 .2rem}h2{border-bottom:1px solid #d1d5db;padding-bottom:.2rem;margin-top:2rem}
.caption{color:#6b7280;font-size:.85rem}.banner{color:#fff;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
.banner strong{font-size:1.5rem;display:block}table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.4rem 0 1rem}
th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#f3f4f6;color:#6b7280}
code,pre{font-family:"Noto Sans Mono",ui-monospace,monospace;font-size:.8rem}pre{background:#f9fafb;padding:.5rem;overflow:auto;white-space:pre-wrap}
.ok{color:#15803d;font-weight:600}.bad{color:#b91c1c;font-weight:600}.muted{color:#6b7280}svg.chart{display:block;max-width:100%;height:auto}
dl{display:grid;grid-template-columns:11rem 1fr;gap:.15rem .8rem;margin:.6rem 0}dt{color:#6b7280;font-weight:600}dd{margin:0}
section.journal{page-break-before:always}details{margin:.3rem 0}summary{cursor:pointer}
`
