import { describe, expect, it, vi } from 'vitest'
import { fixture } from '../testing/journals.ts'

// A platform without a prebuilt canvas binary: importing the native module fails.
vi.mock('@napi-rs/canvas', () => {
  throw new Error('Cannot find native binding for this platform')
})

describe('without a native canvas', () => {
  it('still renders the PDF, with tables for charts and a warning saying why', async () => {
    const { renderPdf } = await import('../pdf/render-pdf.ts')
    const rendered = await renderPdf([fixture('seed-kubernetes')])
    expect(rendered.pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(rendered.warnings).toHaveLength(1)
    expect(rendered.warnings[0]).toMatch(/^charts drawn as tables: the chart renderer could not load: /)
    expect(rendered.pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/)
  })
})
