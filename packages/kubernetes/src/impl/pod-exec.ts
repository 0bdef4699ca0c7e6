import { ActivityFailedError, setLongTimeout } from '@steadystate/core'
import { Exec } from '@kubernetes/client-node'
import type { V1Pod } from '@kubernetes/client-node'
import { Writable } from 'node:stream'
import { selectPods } from '../select/pods.ts'
import { k8s, seconds, str, type K8sContext } from './context.ts'

interface ExecResult {
  pod_name: string
  exit_code: number
  cmd: string[]
  stdout: string
  stderr: string
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = []
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk)
        callback()
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  }
}

/** Splits a command string like a POSIX shell would for simple cases (the reference uses shlex). */
export function splitCommand(cmd: unknown): string[] {
  if (Array.isArray(cmd)) return cmd.map(String)
  if (typeof cmd !== 'string' || cmd.trim() === '')
    throw new ActivityFailedError('exec_in_pods needs a non-empty cmd')
  const words: string[] = []
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g
  for (const match of cmd.matchAll(pattern))
    words.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '')
  return words
}

async function execIn(
  pod: V1Pod,
  container: string,
  command: string[],
  timeoutSeconds: number,
  context: K8sContext,
): Promise<ExecResult> {
  const stdout = collector()
  const stderr = collector()
  const name = pod.metadata?.name ?? ''
  const status = await new Promise<{
    status?: string
    details?: { causes?: { reason?: string; message?: string }[] }
    message?: string
  }>((resolve, reject) => {
    // Settles exactly once: at the answer, the timeout or the run's interruption, whichever is
    // first; the last two also close the exec stream, which would otherwise keep the run waiting.
    let socket: { close(): void } | undefined
    let settled = false
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      timer.clear()
      context.signal.removeEventListener('abort', onAbort)
      outcome()
    }
    const stop = (error: ActivityFailedError): void =>
      settle(() => {
        socket?.close()
        reject(error)
      })
    const onAbort = (): void =>
      stop(new ActivityFailedError(`exec in ${name} stopped: the run was interrupted`))
    const timer = setLongTimeout(
      () => stop(new ActivityFailedError(`exec in ${name} took longer than ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    )
    context.signal.addEventListener('abort', onAbort, { once: true })
    if (context.signal.aborted) onAbort()
    new Exec(context.client.config)
      .exec(
        pod.metadata?.namespace ?? 'default',
        name,
        container,
        command,
        stdout.stream,
        stderr.stream,
        null,
        false,
        (result) => settle(() => resolve(result)),
      )
      .then((opened: { close(): void }) => {
        socket = opened
        if (settled) opened.close()
      })
      .catch((error: unknown) => {
        settle(() =>
          reject(
            error instanceof Error
              ? new ActivityFailedError(`exec in ${name} failed: ${error.message}`, { cause: error })
              : error,
          ),
        )
      })
  })
  const exitCause = status.details?.causes?.find((cause) => cause.reason === 'ExitCode')
  const exitCode = status.status === 'Success' ? 0 : Number(exitCause?.message ?? 1)
  return { pod_name: name, exit_code: exitCode, cmd: command, stdout: stdout.text(), stderr: stderr.text() }
}

/**
 * `exec_in_pods`: runs a command in each selected pod. Unlike the reference (which skips every pod
 * when `container_name` is not given), the pod's first container is used by default.
 */
export const execInPods = k8s(async (args, context) => {
  const command = splitCommand(args.cmd)
  const selected = await selectPods(args, context)
  context.log.info(selected.summary)
  const timeout = seconds(args, 'request_timeout') ?? 60
  const wanted = str(args, 'container_name')
  const results: ExecResult[] = []
  for (const pod of selected.victims) {
    const containers = pod.spec?.containers.map((container) => container.name) ?? []
    const container = wanted ?? containers[0]
    if (container === undefined || !containers.includes(container)) {
      context.log.warn(
        `pod ${pod.metadata?.name ?? ''} has no container '${wanted ?? ''}' (it has: ${containers.join(', ')}); skipped`,
      )
      continue
    }
    results.push(await execIn(pod, container, command, timeout, context))
  }
  return results.map((result) => ({ ...result }))
})
