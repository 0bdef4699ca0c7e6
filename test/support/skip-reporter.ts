import type { Reporter, TestModule } from 'vitest/node'

/**
 * After the run, lists every skipped test with the reason it gave (`context.skip(true, reason)`),
 * grouped by reason: the default reporter only counts skipped tests, and a test that did not run
 * must never pass for one that did.
 */
export default class SkipReasonsReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const byReason = new Map<string, string[]>()
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests('skipped')) {
        const result = test.result()
        const reason = result.state === 'skipped' ? (result.note ?? 'no reason given') : 'no reason given'
        const names = byReason.get(reason) ?? []
        names.push(`${testModule.relativeModuleId} > ${test.fullName}`)
        byReason.set(reason, names)
      }
    }
    for (const [reason, names] of byReason) {
      const shown = names.slice(0, 10).map((name) => `  - ${name}\n`)
      const more = names.length > shown.length ? [`  … and ${names.length - shown.length} more\n`] : []
      process.stdout.write(`\n${names.length} test(s) skipped: ${reason}\n${[...shown, ...more].join('')}`)
    }
  }
}
