import { setSecret } from '@actions/core'

/**
 * Registers every secret value with the runner (`::add-mask::`), so it is shown as *** in this job's
 * logs from now on. The engine redacts them too; this also covers anything a child process prints.
 * A value as JSON escapes it (quotes, backslashes, newlines) is masked as well: that is how it
 * appears inside a logged JSON output.
 */
export function maskSecrets(values: readonly string[]): void {
  const masks = new Set<string>()
  for (const value of values) {
    if (value.trim() === '') continue
    masks.add(value)
    const escaped = JSON.stringify(value).slice(1, -1)
    if (escaped !== value) masks.add(escaped)
  }
  for (const mask of masks) setSecret(mask)
}
