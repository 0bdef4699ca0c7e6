import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { withDeadline } from './deadline.ts'
import { errorMessage } from './errors.ts'

// A full garbage collection on demand, to show the deadline survives one.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

describe('withDeadline', () => {
  it('aborts when the time is up, even across a garbage collection', async () => {
    const parent = new AbortController()
    const { signal, clear } = withDeadline(parent.signal, 50)
    gc()
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(signal.aborted).toBe(true)
    expect(signal.reason).toBeInstanceOf(Error)
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' })
    clear()
  })

  it('aborts with the parent, and not after clear', async () => {
    const parent = new AbortController()
    const early = withDeadline(parent.signal, 10_000)
    parent.abort(new Error('interrupted'))
    expect(early.signal.aborted).toBe(true)
    expect(errorMessage(early.signal.reason)).toBe('interrupted')
    early.clear()
    const cleared = withDeadline(new AbortController().signal, 20)
    cleared.clear()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(cleared.signal.aborted).toBe(false)
  })
})
