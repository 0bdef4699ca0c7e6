/**
 * The smallest experiment that holds anywhere: `true` as its probe and its action, as JSON text.
 * For tests of how steadystate is installed and run, where the experiment itself is beside the point.
 */
export function trivialExperiment(title: string): string {
  const isTrue = { type: 'process', path: 'true' }
  return JSON.stringify({
    title,
    description: 'one process probe and one process action, both `true`',
    'steady-state-hypothesis': {
      title: 'true holds',
      probes: [{ type: 'probe', name: 'true', tolerance: 0, provider: isTrue }],
    },
    method: [{ type: 'action', name: 'nothing', provider: isTrue }],
  })
}
