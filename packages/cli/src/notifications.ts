import { errorMessage, sendOnce, valueText } from '@steadystate/core'
import { isJsonObject, type Journal, type JsonValue } from '@steadystate/model'
import type { Logger } from './output/logger.ts'

/** The Chaos Toolkit's run events (chaoslib `RunFlowEvent`), which steadystate sends. */
export type RunFlowEvent = 'run-started' | 'run-completed' | 'run-failed' | 'run-deviated'

/** An `http` channel of a settings file's `notifications`. */
export interface HttpChannel {
  url: string
  headers: Record<string, string>
  verifyTls: boolean
  /** POST the event as JSON (true, the default), or GET the URL without it. */
  forwardPayload: boolean
  /** Only these events; every event when undefined. */
  events: string[] | undefined
}

/**
 * The `http` channels of `notifications`. Other channel types (`plugin`: a Python function) are
 * not run: each is a warning, since a notification is never a safety measure.
 */
export function httpChannels(
  notifications: JsonValue | undefined,
  file: string,
  logger: Logger,
): HttpChannel[] {
  if (notifications === undefined || notifications === null) return []
  if (!Array.isArray(notifications)) {
    logger.warn(`${file}: notifications must be a list; none will be sent`)
    return []
  }
  return notifications.flatMap((channel, index): HttpChannel[] => {
    const at = `${file}: notifications[${index}]`
    if (!isJsonObject(channel) || channel.type !== 'http') {
      const type = isJsonObject(channel) && typeof channel.type === 'string' ? channel.type : '?'
      logger.warn(
        `${at}: channels of type '${type}' are not supported by steadystate (only 'http'); not sent`,
      )
      return []
    }
    if (typeof channel.url !== 'string' || channel.url === '') {
      logger.warn(`${at}: an http channel needs a url; not sent`)
      return []
    }
    const headers = isJsonObject(channel.headers)
      ? Object.fromEntries(Object.entries(channel.headers).map(([key, value]) => [key, valueText(value)]))
      : {}
    const events = Array.isArray(channel.events)
      ? channel.events.filter((event): event is string => typeof event === 'string')
      : undefined
    return [
      {
        url: channel.url,
        headers,
        verifyTls: channel.verify_tls !== false,
        forwardPayload: channel.forward_event_payload !== false,
        events: events === undefined || events.length === 0 ? undefined : events,
      },
    ]
  })
}

/** The events a finished run sends, as `chaos run` decides them. */
export function finishedEvents(journal: Journal): RunFlowEvent[] {
  const events: RunFlowEvent[] = [journal.status === 'completed' ? 'run-completed' : 'run-failed']
  if (journal.deviated) events.push('run-deviated')
  return events
}

/**
 * Sends `event` to every channel that wants it, with the reference's payload (`name`, `payload`,
 * `phase`, `ts`) and its deadlines (2 s to connect, 5 s to answer). `payload` must have its secrets
 * redacted already. A channel that fails is a warning: a notification never fails the run.
 */
export async function notify(
  channels: readonly HttpChannel[],
  event: RunFlowEvent,
  /** The experiment (run-started) or the journal (the others), as the reference sends them. */
  payload: JsonValue | Journal,
  logger: Logger,
): Promise<void> {
  const body = { name: event, payload, phase: 'run', ts: Date.now() / 1000 }
  await Promise.all(
    channels
      .filter((channel) => channel.events === undefined || channel.events.includes(event))
      .map(async (channel) => {
        try {
          const url = new URL(channel.url)
          const response = await sendOnce({
            url,
            method: channel.forwardPayload ? 'POST' : 'GET',
            headers: channel.forwardPayload
              ? { 'content-type': 'application/json', ...channel.headers }
              : channel.headers,
            body: channel.forwardPayload ? Buffer.from(JSON.stringify(body)) : undefined,
            connectTimeoutMs: 2000,
            readTimeoutMs: 5000,
            verifyTls: channel.verifyTls,
            signal: AbortSignal.timeout(10_000),
          })
          if (response.status >= 400) throw new Error(`HTTP ${response.status}`)
        } catch (error) {
          logger.warn(
            `notification '${event}' to ${channel.url} failed: ${errorMessage(error)}; the run goes on`,
          )
        }
      }),
  )
}
