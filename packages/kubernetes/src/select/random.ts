/** A small seedable PRNG (mulberry32): the same seed picks the same victims, so a run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
