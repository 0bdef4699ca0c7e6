import { ActivityFailedError, sleep } from '@steadystate/core'
import { recoveries } from '../recovery/tracker.ts'
import { k8s, num, str } from './context.ts'

/**
 * `recovered_within(seconds)`: True when every pod terminated so far in this run has a replacement
 * that became Ready within `seconds` of its deletion. Waits for measurements still in progress (up
 * to `seconds` after the last deletion), so it can follow the kill directly in the method or sit in
 * the hypothesis after it.
 */
export const recoveredWithin = k8s(async (args, context) => {
  const seconds = num(args, 'seconds')
  if (seconds === undefined || seconds <= 0)
    throw new ActivityFailedError('recovered_within needs "seconds", a positive number')
  const ns = str(args, 'ns')
  const trackers = recoveries.filter((tracker) => ns === undefined || tracker.namespace === ns)
  if (trackers.length === 0) {
    throw new ActivityFailedError(
      'no pods were terminated in this run (yet), so there is no recovery to judge',
    )
  }
  // Gives up a second after `seconds`, or when the activity is stopped; the wait ends with the probe.
  const done = new AbortController()
  const stop = (): void => done.abort()
  if (context.signal.aborted) stop()
  else context.signal.addEventListener('abort', stop, { once: true })
  const reports = await Promise.race([
    Promise.all(trackers.map((tracker) => tracker.report)),
    sleep(seconds * 1000 + 1000, done.signal).then(() => undefined),
  ]).finally(() => {
    stop()
    context.signal.removeEventListener('abort', stop)
  })
  if (reports === undefined) {
    throw new ActivityFailedError(
      `replacements were not all Ready within ${seconds} s (still waiting when the probe gave up)`,
    )
  }
  const slow = reports
    .flatMap((report) => report.victims)
    .filter((victim) => victim.owner !== null && (victim.readySeconds ?? Infinity) > seconds)
  if (slow.length > 0) {
    const detail = slow.map(
      (victim) =>
        `${victim.pod} → ${victim.replacement ?? 'no replacement'} (${victim.readySeconds === null ? 'never Ready' : `${victim.readySeconds} s`})`,
    )
    context.log.warn(`recovery slower than ${seconds} s: ${detail.join(', ')}`)
    return false
  }
  return true
})
