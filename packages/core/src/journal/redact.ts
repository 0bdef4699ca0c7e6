/** What replaces a secret value wherever it appears. */
export const REDACTED = '***'

/** Secrets shorter than this would mangle ordinary text if masked; they are reported instead. */
export const MIN_MASKED_LENGTH = 3

/**
 * Replaces every occurrence of a secret value in strings (journals, events, reports). Longest secrets
 * first, so a secret that contains another is masked whole.
 */
export class Redactor {
  private readonly secrets: string[]

  constructor(values: Iterable<string>) {
    const unique = new Set([...values].filter((value) => value.length >= MIN_MASKED_LENGTH))
    this.secrets = [...unique].sort((a, b) => b.length - a.length)
  }

  get isEmpty(): boolean {
    return this.secrets.length === 0
  }

  text(value: string): string {
    return this.replace(value).text
  }

  /** A deep copy with every string (keys included) redacted. */
  deep<T>(value: T): T {
    return this.deepCounted(value).value
  }

  /** Like `deep`, also counting how many occurrences were masked. */
  deepCounted<T>(value: T): { value: T; count: number } {
    if (this.secrets.length === 0) return { value, count: 0 }
    let count = 0
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') {
        const replaced = this.replace(item)
        count += replaced.count
        return replaced.text
      }
      if (Array.isArray(item)) return item.map(walk)
      if (item !== null && typeof item === 'object') {
        const out: Record<string, unknown> = {}
        for (const [key, child] of Object.entries(item)) out[walk(key) as string] = walk(child)
        return out
      }
      return item
    }
    return { value: walk(value) as T, count }
  }

  private replace(value: string): { text: string; count: number } {
    let text = value
    let count = 0
    for (const secret of this.secrets) {
      if (!text.includes(secret)) continue
      const parts = text.split(secret)
      count += parts.length - 1
      text = parts.join(REDACTED)
    }
    return { text, count }
  }
}

/** Secret values too short to mask, so callers can warn about them. */
export function unmaskableSecrets(values: Iterable<string>): string[] {
  return [...values].filter((value) => value.length > 0 && value.length < MIN_MASKED_LENGTH)
}
