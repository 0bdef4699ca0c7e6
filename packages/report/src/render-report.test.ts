import { describe, expect, it } from 'vitest'
import { fixture } from '../test-support/journals.ts'
import { formatFromPath, parseFormat, renderReport } from './render-report.ts'

describe('report formats', () => {
  it('reads format names, chaos report’s included, and output extensions', () => {
    expect(
      ['pdf', 'md', 'markdown', 'junit', 'xml', 'html', 'html5', 'HTML', 'docx'].map(parseFormat),
    ).toEqual(['pdf', 'md', 'md', 'junit', 'junit', 'html', 'html', 'html', undefined])
    expect(['r.pdf', 'r.md', 'junit.xml', 'r.htm', 'r.txt'].map(formatFromPath)).toEqual([
      'pdf',
      'md',
      'junit',
      'html',
      undefined,
    ])
  })

  it('renders every format from the same journal', async () => {
    const journal = fixture('seed-kubernetes')
    const outputs = await Promise.all(
      (['pdf', 'md', 'junit', 'html'] as const).map((format) => renderReport(format, [journal])),
    )
    const [pdf, md, junit, html] = outputs.map((output) => output.content.toString('latin1'))
    expect(pdf?.startsWith('%PDF-')).toBe(true)
    expect(md).toContain('STEADY STATE HELD')
    expect(junit).toContain('<testsuite name="Do we remain available in face of pod going down?"')
    expect(html).toContain('<h2>Recovery</h2>')
    // Charts are inline SVG with real text: the recovery chart's axis title is there to read.
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart"')
    expect(html).toContain('>seconds after the pod was deleted</text>')
    expect(html).not.toContain('data:image/png')
  })

  it('renders a self-contained HTML page that escapes journal text and hides secrets', async () => {
    const { content } = await renderReport('html', [fixture('chaos-inline-secret')], { charts: false })
    const html = content.toString('utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toContain('tok-3f9a1c-SECRET')
    expect(html).toContain('<title>Token *** can be rotated without downtime</title>')
    expect(html).not.toMatch(/<(script|link)\b/)
  })
})
