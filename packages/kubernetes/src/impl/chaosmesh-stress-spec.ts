import { ActivityFailedError, assertNever } from '@steadystate/core'
import { str } from './context.ts'
import { chaosObject, compact, STRESS_CHAOS, type ChaosObject } from './chaosmesh-object.ts'
import { given, goDurationArg, listArg, podSelector, wholeNumber, type Args } from './chaosmesh-selectors.ts'

/** The reference's StressChaos builders (`chaosk8s.chaosmesh.stress.actions`). */
export type Stressor = 'stress_cpu' | 'stress_memory'

/** stress-ng's limit, which Chaos Mesh's schema enforces. */
const MAX_WORKERS = 8192

/** A memory size as Chaos Mesh accepts it: "25%" or a human size ("256MB", "1.5GiB", "1024"). */
function sizeArg(args: Args): string | undefined {
  if (!given(args, 'size')) return undefined
  const size = args.size
  const valid =
    typeof size === 'string' &&
    (/^(100|[1-9]?[0-9])%$/.test(size) || /^\d+(\.\d+)? ?[kKmMgGtTpP]?[iI]?[bB]?$/.test(size))
  if (!valid)
    throw new ActivityFailedError(
      `argument 'size' must be a size such as "256MB" or a percentage such as "25%", got ${JSON.stringify(size)}`,
    )
  return size
}

function workers(args: Args, stressor: Stressor): number {
  if (!given(args, 'workers'))
    throw new ActivityFailedError(
      `${stressor} needs 'workers' (1-${MAX_WORKERS}): Chaos Mesh runs no stressor without workers`,
    )
  return wholeNumber('workers', args.workers, 1, MAX_WORKERS)
}

function stressors(stressor: Stressor, args: Args): Record<string, unknown> {
  switch (stressor) {
    case 'stress_cpu':
      return { cpu: { workers: workers(args, stressor), load: wholeNumber('load', args.load, 0, 100) } }
    case 'stress_memory': {
      const time = goDurationArg(args, 'time_to_get_to_size')
      return {
        memory: compact({
          workers: workers(args, stressor),
          size: sizeArg(args),
          oomScoreAdj: given(args, 'oom_score')
            ? wholeNumber('oom_score', args.oom_score, -1000, 1000)
            : undefined,
          // Chaos Mesh has no `time` field (the reference's is dropped by the API server): the
          // growth time reaches its memory stressor (memStress --time) through `options`.
          options: time === undefined ? undefined : ['--time', time],
        }),
      }
    }
    default:
      return assertNever(stressor, 'stressor')
  }
}

/**
 * The StressChaos one of the reference's stress actions creates, with its bugs fixed: a real
 * `metadata.namespace`, a `value` for every mode that needs one, no `direction` (not a StressChaos
 * field) and no null fields. With `stressng_stressors`, which Chaos Mesh prefers to `stressors`,
 * the stressor's own arguments may be left out.
 */
export function stressChaos(stressor: Stressor, args: Args): ChaosObject {
  const stressng = str(args, 'stressng_stressors') || undefined
  const ownArguments = stressor === 'stress_cpu' || given(args, 'workers')
  const spec = compact({
    ...podSelector(args, ''),
    stressors: stressng === undefined || ownArguments ? stressors(stressor, args) : undefined,
    stressngStressors: stressng,
    duration: goDurationArg(args, 'duration'),
    containerNames: listArg(args, 'container_names'),
  })
  return chaosObject(STRESS_CHAOS, args, spec)
}
