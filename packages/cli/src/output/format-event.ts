import type { RunEvent } from '@steadystate/core'

export type Level = 'info' | 'warn' | 'error' | 'success'

/** A rendered log line: its level, indentation and text, before any colour or timestamp. */
export interface LogLine {
  level: Level
  indent: number
  text: string
}

function seconds(value: number): string {
  if (value < 1) return `${Math.round(value * 1000)} ms`
  if (Number.isInteger(value) && value < 120) return `${value} s`
  if (value < 120) return `${value.toFixed(value < 10 ? 2 : 1)} s`
  if (value < 3_600) return `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`
  if (value < 86_400) return `${Math.floor(value / 3_600)} h ${Math.floor((value % 3_600) / 60)} min`
  return `${Math.floor(value / 86_400).toLocaleString('en-US')} d ${Math.floor((value % 86_400) / 3_600)} h`
}

const PHASE_TITLES = {
  before: 'Steady-state hypothesis, before the method',
  during: 'Steady-state hypothesis, during the method',
  after: 'Steady-state hypothesis, after the method',
  method: 'Method',
  rollbacks: 'Rollbacks',
} as const

/** Turns an engine event into zero or more human-readable lines. */
export function formatEvent(event: RunEvent): LogLine[] {
  switch (event.type) {
    case 'run-started':
      return [
        { level: 'info', indent: 0, text: `Running "${event.title}" from ${event.source}` },
        { level: 'info', indent: 1, text: event.plan },
      ]
    case 'phase-started': {
      const count =
        event.phase === 'method' || event.phase === 'rollbacks'
          ? `${event.count} activit${event.count === 1 ? 'y' : 'ies'}`
          : `${event.count} probe${event.count === 1 ? '' : 's'}`
      const title = event.phase === 'method' ? '' : event.phase === 'rollbacks' ? '' : `: ${event.title}`
      return [{ level: 'info', indent: 0, text: `${PHASE_TITLES[event.phase]}${title} (${count})` }]
    }
    case 'activity-started':
      return [
        {
          level: 'info',
          indent: 1,
          text: `${event.background ? 'starting in background' : 'running'} ${event.activityType} '${event.name}' (${event.provider})`,
        },
      ]
    case 'activity-finished': {
      const took = seconds(event.seconds)
      if (event.status === 'skipped')
        return [{ level: 'info', indent: 1, text: `skipped '${event.name}' (dry run)` }]
      if (event.status === 'failed') {
        return [
          {
            level: 'error',
            indent: 1,
            text: `'${event.name}' failed after ${took}: ${event.error ?? 'unknown error'}`,
          },
        ]
      }
      const output = event.outputSummary === undefined ? '' : `: ${event.outputSummary}`
      return [{ level: 'success', indent: 1, text: `'${event.name}' succeeded in ${took}${output}` }]
    }
    case 'activity-log':
      return [{ level: event.level, indent: 2, text: `${event.name}: ${event.message}` }]
    case 'pause':
      return event.remaining === event.seconds
        ? [
            {
              level: 'info',
              indent: 2,
              text: `pausing ${seconds(event.seconds)} ${event.when} '${event.name}'`,
            },
          ]
        : [
            {
              level: 'info',
              indent: 2,
              text: `still pausing ${event.when} '${event.name}': ${seconds(event.remaining)} left`,
            },
          ]
    case 'hypothesis-finished':
      return [{ level: event.met === true ? 'success' : 'warn', indent: 1, text: event.summary }]
    case 'rollbacks-decided':
      return event.played ? [] : [{ level: 'info', indent: 0, text: `Rollbacks not played: ${event.reason}` }]
    case 'interrupted':
      return [
        {
          level: 'warn',
          indent: 0,
          text: `Interrupted (${event.signal}) during the ${event.phase}: stopping the current activity, then running the rollbacks`,
        },
      ]
    case 'warning':
      return [{ level: 'warn', indent: 0, text: event.message }]
    case 'info':
      return [{ level: 'info', indent: 0, text: event.message }]
    case 'run-finished': {
      const level = event.verdict.kind === 'held' ? 'success' : 'error'
      return [
        { level, indent: 0, text: `${event.verdict.kind.toUpperCase()}: ${event.verdict.summary}` },
        {
          level: 'info',
          indent: 1,
          text: `status ${event.status}, ${event.deviated ? 'deviated' : 'not deviated'}, took ${seconds(event.seconds)}`,
        },
      ]
    }
  }
}
