import { arch, hostname, release, type } from 'node:os'

/** Like Python's `platform.platform()`, e.g. `Linux-6.1.0-x86_64-with-glibc2.36`. */
export function platformString(): string {
  const machine = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch()
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
  const libc = header?.glibcVersionRuntime === undefined ? '' : `-with-glibc${header.glibcVersionRuntime}`
  return `${type()}-${release()}-${machine}${libc}`
}

export function nodeName(): string {
  return hostname()
}
