// Preloaded into a measured process (`node --import ./bench/max-rss.mjs …`): prints its peak
// resident memory and the CPU time it used on exit, as `max-rss-kib=N cpu-us=N` on standard error,
// for the benchmarks to read (CPU time, unlike wall time, does not grow when the machine is busy).
import { writeSync } from 'node:fs'

process.on('exit', () => {
  const usage = process.resourceUsage()
  writeSync(2, `\nmax-rss-kib=${usage.maxRSS} cpu-us=${usage.userCPUTime + usage.systemCPUTime}\n`)
})
