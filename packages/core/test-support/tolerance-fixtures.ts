/** Provider results as the process and http providers return them, for tolerance tests. */
import type { ToleranceVerdict } from '../src/tolerance/types.ts'

export const processOk = { status: 0, stdout: 'hello world\n', stderr: '' }
export const processFailed = { status: 1, stdout: '', stderr: 'boom' }
export const httpOk = {
  status: 200,
  headers: { 'Content-Type': 'application/json' },
  body: { ready: true, pods: [1, 2] },
}
export const httpDown = { status: 503, headers: {}, body: 'not ready' }

export function reason(verdict: ToleranceVerdict): string {
  if (verdict.met) throw new Error('expected an unmet verdict')
  return verdict.reason
}
