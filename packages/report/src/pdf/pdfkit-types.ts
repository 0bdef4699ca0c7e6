// @types/pdfkit declares its types in a global `PDFKit` namespace that only exists once the module's
// types are imported; importing them here gives the rest of the package named aliases.
import type PDFDocument from 'pdfkit'

export type Doc = InstanceType<typeof PDFDocument>
export type Outline = PDFKit.PDFOutline
export type PdfTextOptions = PDFKit.Mixins.TextOptions
