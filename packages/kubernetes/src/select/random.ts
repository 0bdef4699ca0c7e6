import { seededRandom } from '@steadystate/core'

/** Re-exported for the selection code: victims are picked with the engine's seedable PRNG. */
export { seededRandom }

export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}

/** `count` distinct items, chosen uniformly (partial Fisher–Yates). */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items]
  const chosen: T[] = []
  for (let index = 0; index < Math.min(count, pool.length); index++) {
    const pick = index + Math.floor(random() * (pool.length - index))
    const item = pool[pick] as T
    pool[pick] = pool[index] as T
    pool[index] = item
    chosen.push(item)
  }
  return chosen
}
