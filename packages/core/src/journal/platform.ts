import { arch, hostname, release, type } from 'node:os'

let platform: string | undefined

/**
 * Like Python's `platform.platform()`, e.g. `Linux-6.1.0-x86_64` (without the libc suffix: finding it
 * costs a diagnostic report, ~20 ms, on every run).
 */
export function platformString(): string {
  if (platform === undefined) {
    const machine = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch()
    platform = `${type()}-${release()}-${machine}`
  }
  return platform
}

export function nodeName(): string {
  return hostname()
}
