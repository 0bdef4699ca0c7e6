import type { ModuleCallContext } from '@steadystate/core'
import { GUARD_OBSERVATION, type GuardObservation } from '@steadystate/model'

/** At most this many findings are kept per check: enough to say what tripped, not a data dump. */
const MAX_FOUND = 20

/**
 * Records what a guard saw (a measurement the report charts over the run) and, when it is not safe,
 * says so in the log with what it found.
 */
export function observe(context: ModuleCallContext, observation: Omit<GuardObservation, 'at'>): boolean {
  const found = observation.found.slice(0, MAX_FOUND)
  context.measure(GUARD_OBSERVATION, {
    at: new Date().toISOString(),
    subject: observation.subject,
    count: observation.count,
    found,
    watching: observation.watching,
  })
  if (observation.count === 0) return true
  const more = observation.count > found.length ? ` and ${observation.count - found.length} more` : ''
  context.log.warn(`${describe(observation)}: ${found.join('; ')}${more}`)
  return false
}

function describe(observation: Omit<GuardObservation, 'at'>): string {
  switch (observation.subject) {
    case 'series':
      return `${observation.count} series returned by ${observation.watching}, time to stop`
    case 'alerts':
      return `${observation.count} alert(s) firing that match ${observation.watching}, time to stop`
  }
}
