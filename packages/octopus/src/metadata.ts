/**
 * What the Library shows about the template. Changed on purpose only: a published change bumps
 * `VERSION` and moves `EXPORTED_AT` (the generator never uses the clock, so the JSON is reproducible).
 */
export const NAME = 'steadystate - Run Experiment'

/** Bump on every published change (the Library's rule); Octopus only offers updates for a new Version. */
export const VERSION = 1

/** `$Meta.ExportedAt`: when this Version was made. */
export const EXPORTED_AT = '2026-11-25T00:00:00.000Z'

/** `$Meta.OctopusVersion`: the Octopus Server export format the file follows (2026.1's, as the Library's recent templates). */
export const OCTOPUS_VERSION = '2026.1.7285'

/** The Library shows this as the author (ideally a GitHub user name). */
export const LAST_MODIFIED_BY = 'steadystate'

/** An existing Library category (its logo is `step-templates/logos/k8s.png`), as the Library's Kubernetes templates use. */
export const CATEGORY = 'k8s'

export const DESCRIPTION = `Runs a [Chaos Toolkit](https://chaostoolkit.org) experiment (JSON or YAML, unchanged) with steadystate, against the step's Kubernetes target, and attaches the journal and a PDF report as artifacts, also when the experiment failed or the steady state deviated. No Python, pip or Docker needed.

- **steadystate**: used from the worker or the execution container's image when it is on \`PATH\`; otherwise \`@steadystate/cli\` is installed from npm at the pinned version, which needs Node.js 20.10 or newer. The step says what to install when neither is there.
- **Kubernetes**: uses the kubeconfig Octopus prepares for the target (\`KUBECONFIG\`); kubectl must be on the worker or in the container for Octopus to prepare it. The target's account needs the RBAC the experiment uses: see steadystate's \`deploy/rbac\`.
- **Output variables**: \`Status\` (completed, failed, aborted, interrupted), \`Deviated\` (True/False), \`Verdict\` (held, deviated, not-tested, incomplete, failed, aborted, interrupted) and \`JournalPath\`.
- **Fail on deviation** (default): the step fails when the steady state deviated, was not tested, or the fault may not have been injected. A run that failed, was aborted or interrupted always fails it.
- **Secrets** stay out of the log, the process list, the journal and the report.

Schedule it from a runbook with a scheduled trigger, e.g. every ten minutes: \`0 */10 * * * *\`.`
