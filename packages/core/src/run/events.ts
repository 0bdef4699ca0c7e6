import type { RunStatus, Verdict } from '@steadystate/model'

/** Where a journal entry belongs. */
export type Phase = 'before' | 'during' | 'after' | 'method' | 'rollbacks'

/**
 * What the engine reports while it runs. Renderers (terminal, CI lines, JSON) turn these into logs;
 * the engine itself never prints. Every string in an event has secrets redacted already.
 */
export type RunEvent =
  | { type: 'run-started'; title: string; source: string; plan: string }
  | { type: 'phase-started'; phase: Phase; title: string; count: number }
  | {
      type: 'activity-started'
      phase: Phase
      name: string
      activityType: string
      provider: string
      background: boolean
    }
  | {
      type: 'activity-finished'
      phase: Phase
      name: string
      status: 'succeeded' | 'failed' | 'skipped'
      seconds: number
      error?: string
      toleranceMet?: boolean
      toleranceReason?: string
      outputSummary?: string
    }
  | { type: 'activity-log'; name: string; level: 'info' | 'warn'; message: string }
  | { type: 'pause'; name: string; when: 'before' | 'after'; seconds: number; remaining: number }
  | { type: 'hypothesis-finished'; phase: Phase; met: boolean | null; summary: string }
  | { type: 'rollbacks-decided'; played: boolean; reason: string }
  | { type: 'interrupted'; signal: string; phase: string }
  | { type: 'warning'; message: string }
  | { type: 'info'; message: string }
  | { type: 'run-finished'; status: RunStatus; deviated: boolean; verdict: Verdict; seconds: number }

export type EventSink = (event: RunEvent) => void
