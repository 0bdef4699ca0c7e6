import type { Charting } from '../../charts/charting.ts'
import type { ReportJournal } from '../../journal/types.ts'
import type { Outline } from '../pdfkit-types.ts'
import type { PdfWriter } from '../writer.ts'

/** What every section of one journal's report draws with. */
export interface SectionContext {
  writer: PdfWriter
  journal: ReportJournal
  charting: Charting
  /** The journal's outline entry; sections add theirs under it. */
  outline: Outline
  /** When the report was made, for the summary page. */
  generated: Date
}
