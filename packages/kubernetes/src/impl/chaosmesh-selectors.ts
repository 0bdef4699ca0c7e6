import { isRecord } from '@steadystate/model'
import { ActivityFailedError } from '@steadystate/core'

/**
 * Reading the arguments the reference's Chaos Mesh builders share, into the shapes Chaos Mesh's
 * API (chaos-mesh.org/v1alpha1) declares. Every check here is one Chaos Mesh's CRD schema or
 * admission webhook would make later, less readably (or one it skips and the fault then silently
 * does something else).
 */

export type Args = Record<string, unknown>

function fail(message: string): never {
  throw new ActivityFailedError(message)
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}

/** A list given as `"a,b"` or `["a", "b"]` (items trimmed, empty ones dropped); undefined if unset. */
export function listArg(args: Args, name: string): string[] | undefined {
  const value = args[name]
  if (!isGiven(value)) return undefined
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value
        : fail(
            `argument '${name}' must be a list of strings or a comma-separated string, got ${JSON.stringify(value)}`,
          )
  const trimmed = items.map((item) => item.trim()).filter((item) => item !== '')
  return trimmed.length === 0 ? undefined : trimmed
}

/** A mapping given as `"k=v,k2=v2"` or `{k: v}`, with string values; undefined if unset. */
export function mapArg(args: Args, name: string): Record<string, string> | undefined {
  const value = args[name]
  if (!isGiven(value)) return undefined
  const map: Record<string, string> = {}
  if (typeof value === 'string') {
    for (const pair of value.split(',')) {
      if (pair.trim() === '') continue
      const equals = pair.indexOf('=')
      if (equals <= 0)
        fail(`argument '${name}': '${pair.trim()}' is not key=value (expected e.g. "app=web,tier=front")`)
      map[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim()
    }
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string')
        fail(`argument '${name}': the value of '${key}' must be a string, got ${JSON.stringify(item)}`)
      map[key] = item
    }
  } else {
    fail(`argument '${name}' must be a mapping or "key=value,…", got ${JSON.stringify(value)}`)
  }
  return Object.keys(map).length === 0 ? undefined : map
}

export const MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'] as const
export type SelectorMode = (typeof MODES)[number]

function isMode(value: unknown): value is SelectorMode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value)
}

/** A whole number given as a number or a numeric string, within bounds. */
export function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  const parsed = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < min || parsed > max)
    fail(`argument '${name}' must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  return parsed
}

/**
 * `mode` and its `value`. Chaos Mesh needs a value for fixed (pods, > 0) and for the two percent
 * modes (1-100) and takes it as a string; the reference sets it only for fixed-percent.
 */
export function modeArgs(
  args: Args,
  modeName: string,
  valueName: string,
): { mode: SelectorMode; value?: string } {
  const mode = args[modeName] ?? 'one'
  if (!isMode(mode))
    fail(`argument '${modeName}' must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`)
  const value = args[valueName]
  switch (mode) {
    case 'one':
    case 'all':
      return { mode }
    case 'fixed':
      if (!isGiven(value)) fail(`mode 'fixed' needs '${valueName}': how many pods`)
      return { mode, value: String(wholeNumber(valueName, value, 1, Number.MAX_SAFE_INTEGER)) }
    case 'fixed-percent':
    case 'random-max-percent':
      if (!isGiven(value)) fail(`mode '${mode}' needs '${valueName}': a percentage from 1 to 100`)
      return { mode, value: String(wholeNumber(valueName, value, 1, 100)) }
  }
}

export interface PodSelectorSpec {
  namespaces?: string[]
  labelSelectors?: Record<string, string>
  annotationSelectors?: Record<string, string>
}

/** Chaos Mesh's `PodSelector`: `selector`, `mode`, `value`, from the arguments with `prefix`. */
export function podSelector(
  args: Args,
  prefix: '' | 'target_',
): { selector: PodSelectorSpec; mode: SelectorMode; value?: string } {
  const selector: PodSelectorSpec = {}
  const namespaces = listArg(args, `${prefix}namespaces_selectors`)
  const labels = mapArg(args, `${prefix}label_selectors`)
  const annotations = mapArg(args, `${prefix}annotations_selectors`)
  if (namespaces !== undefined) selector.namespaces = namespaces
  if (labels !== undefined) selector.labelSelectors = labels
  if (annotations !== undefined) selector.annotationSelectors = annotations
  return { selector, ...modeArgs(args, `${prefix}mode`, `${prefix}mode_value`) }
}

/** Whether any `target_*` selector is given. */
export function hasTargetSelector(args: Args): boolean {
  return ['target_namespaces_selectors', 'target_label_selectors', 'target_annotations_selectors'].some(
    (name) => isGiven(args[name]),
  )
}

/** A percentage as Chaos Mesh's FloatStr takes it: "25" or "0.5", from 0 to 100. */
export function percentArg(args: Args, name: string): string | undefined {
  const value = args[name]
  if (!isGiven(value)) return undefined
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  const parsed = Number(text)
  if (text === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 100)
    fail(`argument '${name}' must be a percentage from 0 to 100 (e.g. "25"), got ${JSON.stringify(value)}`)
  return text
}

/** A tc duration as Chaos Mesh's NetworkChaos schema allows (`^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$`). */
export function netemDurationArg(args: Args, name: string): string | undefined {
  const value = args[name]
  if (!isGiven(value)) return undefined
  if (typeof value !== 'string' || !/^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/.test(value))
    fail(`argument '${name}' must be a duration such as "100ms" or "1.5s", got ${JSON.stringify(value)}`)
  return value
}

/** A Go duration (`30s`, `1m30s`), as Chaos Mesh parses `duration`. */
export function goDurationArg(args: Args, name: string): string | undefined {
  const value = args[name]
  if (!isGiven(value)) return undefined
  if (typeof value !== 'string' || !/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(value))
    fail(`argument '${name}' must be a duration such as "30s" or "1m30s", got ${JSON.stringify(value)}`)
  return value
}

/** Like `isGiven`, for callers that need to tell "unset" from "set". */
export function given(args: Args, name: string): boolean {
  return isGiven(args[name])
}
