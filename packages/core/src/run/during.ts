import type { Hypothesis, Malformed } from '@steadystate/model'
import { runHypothesis, type HypothesisResult } from './hypothesis.ts'
import { pause } from './pause.ts'
import type { RunState } from './run-state.ts'

/**
 * The hypothesis checked continuously while the method runs: once at method start, then every
 * `frequency` seconds until `stop()` is called. Unmet iterations call `onDeviation`; when it answers
 * `'stop'` (fail-fast), no check follows, as the reference's loop ends at that deviation.
 */
export function startDuringHypothesis(
  state: RunState,
  hypothesis: Hypothesis | Malformed | undefined,
  frequencySeconds: number,
  onDeviation: (result: HypothesisResult) => 'stop' | 'continue',
): { results: HypothesisResult[]; stop: () => Promise<void> } {
  const results: HypothesisResult[] = []
  const controller = new AbortController()
  const stopped = AbortSignal.any([controller.signal, state.interrupt])
  const loop = (async () => {
    while (!stopped.aborted) {
      const result = await runHypothesis(state, hypothesis, 'during')
      results.push(result)
      if (result.met === false && !state.interrupt.aborted && onDeviation(result) === 'stop') break
      if (!(await pause(frequencySeconds, stopped, () => undefined))) break
    }
  })()
  return {
    results,
    stop: async () => {
      controller.abort()
      await loop
    },
  }
}
