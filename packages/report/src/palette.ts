import type { VerdictKind } from '@steadystate/model'
import type { SpanKind } from './analysis/timeline.ts'
import type { RunOutcome } from './journal/outcome.ts'

/** One set of colours for PDF, HTML and charts, chosen to stay apart in greyscale print too. */
export const INK = '#111827'
export const MUTED = '#6b7280'
export const RULE = '#d1d5db'
export const HEADER_FILL = '#f3f4f6'
export const ZEBRA_FILL = '#fafafa'

export function verdictColour(kind: VerdictKind): string {
  switch (kind) {
    case 'held':
      return '#15803d'
    case 'incomplete':
      return '#b45309'
    case 'not-tested':
      return '#c2410c'
    case 'deviated':
      return '#b91c1c'
    case 'failed':
      return '#991b1b'
    case 'aborted':
      return '#4b5563'
    case 'interrupted':
      return '#6d28d9'
    case 'unfinished':
      return '#1f2937'
  }
}

export function spanColour(kind: SpanKind): string {
  switch (kind) {
    case 'hypothesis':
      return '#2563eb'
    case 'action':
      return '#ea580c'
    case 'probe':
      return '#0d9488'
    case 'rollback':
      return '#7c3aed'
    case 'pause':
      return '#cbd5e1'
    case 'problem':
      return '#dc2626'
    case 'safeguard':
      return '#65a30d'
    case 'tripped':
      return '#be123c'
  }
}

export function spanLabel(kind: SpanKind): string {
  switch (kind) {
    case 'hypothesis':
      return 'hypothesis probe'
    case 'action':
      return 'action'
    case 'probe':
      return 'method probe'
    case 'rollback':
      return 'rollback'
    case 'pause':
      return 'pause'
    case 'problem':
      return 'failed / not met'
    case 'safeguard':
      return 'safeguard check: go on'
    case 'tripped':
      return 'safeguard check: stop'
  }
}

export function outcomeColour(outcome: RunOutcome): string {
  switch (outcome) {
    case 'succeeded':
      return '#15803d'
    case 'failed':
    case 'not-met':
      return '#b91c1c'
    case 'skipped':
    case 'unknown':
      return MUTED
  }
}
