import { maskerForms } from '@steadystate/core'

/** CI systems whose own log masking steadystate registers secrets with. */
export const CI_SYSTEMS = ['github', 'gitlab', 'octopus', 'none'] as const
export type CiSystem = (typeof CI_SYSTEMS)[number]

/**
 * The CI system the CLI runs in: as `--ci` names it, else GitHub Actions or GitLab CI from the
 * variables their runners set. Octopus sets none a script can rely on: its step template passes
 * `--ci octopus`.
 */
export function detectCi(requested: CiSystem | undefined, env: Record<string, string | undefined>): CiSystem {
  if (requested !== undefined) return requested
  if (env.GITHUB_ACTIONS === 'true') return 'github'
  if (env.GITLAB_CI === 'true') return 'gitlab'
  return 'none'
}

/**
 * Registers every masker form of the secrets it is given (see `maskerForms`) with the CI system,
 * each once, so that what a person reads in its log is masked even beyond steadystate's output:
 * - GitHub: `::add-mask::` (the runner masks the value in every later log line and annotation);
 * - Octopus: a sensitive output variable per form (Octopus masks sensitive values in task logs);
 * - GitLab: nothing (masked variables are defined in project settings; no runtime command exists).
 */
export function createMaskRegistrar(
  ci: CiSystem,
  write: (text: string) => void,
): (values: readonly string[]) => void {
  const registered = new Set<string>()
  return (values) => {
    const lines: string[] = []
    for (const form of values.flatMap(maskerForms)) {
      if (registered.has(form)) continue
      registered.add(form)
      const line = registration(ci, form, registered.size)
      if (line !== undefined) lines.push(line)
    }
    if (lines.length > 0) write(lines.join(''))
  }
}

function registration(ci: CiSystem, form: string, index: number): string | undefined {
  switch (ci) {
    case 'github':
      return `::add-mask::${escapeCommandData(form)}\n`
    case 'octopus':
      return octopusSensitiveVariable(`Steadystate.Masked.${index}`, form)
    case 'gitlab':
    case 'none':
      return undefined
  }
}

/** The runner's escaping of command data (`%`, CR and LF), as `@actions/core` writes it. */
function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** As Calamari's `set_octopusvariable name value -sensitive` writes it: attributes in base64. */
function octopusSensitiveVariable(name: string, value: string): string {
  const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
  return `##octopus[setVariable name='${encode(name)}' value='${encode(value)}' sensitive='${encode('True')}']\n`
}
