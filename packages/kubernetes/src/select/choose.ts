import { ActivityFailedError } from '@steadystate/core'
import { sample } from './random.ts'

/** How many of the matching pods to pick: the reference's modes plus Chaos Mesh's. */
export type SelectionMode = 'fixed' | 'percentage' | 'one' | 'fixed-percent' | 'random-max-percent'
export const SELECTION_MODES: readonly SelectionMode[] = [
  'fixed',
  'percentage',
  'one',
  'fixed-percent',
  'random-max-percent',
]
export type SelectionOrder = 'alphabetic' | 'oldest'

export interface ChooseOptions {
  all: boolean
  rand: boolean
  mode: SelectionMode
  qty: number
  order: SelectionOrder
}

export interface Candidate {
  name: string
  /** RFC 3339, from metadata.creationTimestamp. */
  created: string
}

/**
 * How many victims a mode asks for among `count` candidates. Rounding is documented because it
 * decides blast radius: `percentage` rounds up (the reference's ceil), `fixed-percent` down (Chaos
 * Mesh), `random-max-percent` draws a percentage in [0, qty] then rounds down (may be 0).
 */
export function victimCount(count: number, options: ChooseOptions, random: () => number): number {
  if (options.all) return count
  switch (options.mode) {
    case 'fixed':
      return Math.min(Math.floor(options.qty), count)
    case 'one':
      return Math.min(1, count)
    case 'percentage':
      return Math.min(Math.ceil((options.qty * count) / 100), count)
    case 'fixed-percent':
      return Math.min(Math.floor((options.qty * count) / 100), count)
    case 'random-max-percent':
      return Math.min(Math.floor((random() * options.qty * count) / 100), count)
  }
}

/** Orders candidates (a real sort, unlike the reference's "alphabetic") and picks the victims. */
export function choose<T extends Candidate>(
  candidates: readonly T[],
  options: ChooseOptions,
  random: () => number,
): T[] {
  const ordered = [...candidates].sort((a, b) =>
    options.order === 'oldest'
      ? a.created.localeCompare(b.created) || a.name.localeCompare(b.name)
      : a.name.localeCompare(b.name),
  )
  const count = victimCount(ordered.length, options, random)
  if (options.all) return ordered
  return options.rand ? sample(ordered, count, random) : ordered.slice(0, count)
}

/** Validates mode, order and qty like the reference (and names the allowed values). */
export function parseChooseOptions(args: Record<string, unknown>): ChooseOptions {
  const mode = args.mode ?? 'fixed'
  if (typeof mode !== 'string' || !(SELECTION_MODES as readonly string[]).includes(mode)) {
    throw new ActivityFailedError(`mode ${JSON.stringify(mode)} is not one of: ${SELECTION_MODES.join(', ')}`)
  }
  const order = args.order ?? 'alphabetic'
  if (order !== 'alphabetic' && order !== 'oldest') {
    throw new ActivityFailedError(`order ${JSON.stringify(order)} is not one of: alphabetic, oldest`)
  }
  const qty = Number(args.qty ?? 1)
  if (!Number.isFinite(qty) || qty < 0)
    throw new ActivityFailedError(`qty must be a non-negative number, got ${JSON.stringify(args.qty)}`)
  if ((mode === 'percentage' || mode === 'fixed-percent' || mode === 'random-max-percent') && qty > 100) {
    throw new ActivityFailedError(`qty is a percentage in mode '${mode}' and must be at most 100, got ${qty}`)
  }
  return { all: args.all === true, rand: args.rand === true, mode: mode as SelectionMode, qty, order }
}
