import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXPERIMENT_PACKAGE_REFERENCE_ID, TEMPLATE_ID } from './ids.ts'
import {
  CATEGORY,
  DESCRIPTION,
  EXPORTED_AT,
  LAST_MODIFIED_BY,
  NAME,
  OCTOPUS_VERSION,
  VERSION,
} from './metadata.ts'
import { buildParameters, EXPERIMENT_PACKAGE } from './parameters.ts'
import type { StepTemplate } from './step-template.ts'

/** Where the script, the CLI's version and the generated template live, from the repository root. */
export function templatePaths(root: string): { script: string; cliPackage: string; template: string } {
  return {
    script: join(root, 'packages/octopus/scripts/run-experiment.sh'),
    cliPackage: join(root, 'packages/cli/package.json'),
    template: join(root, 'step-templates/steadystate-run-experiment.json'),
  }
}

/** "Run a kubectl script": Octopus prepares KUBECONFIG for the step's Kubernetes target. */
const ACTION_TYPE = 'Octopus.KubernetesRunScript'

/** The step template for a script body and the steadystate version it installs by default. */
export function buildTemplate(scriptBody: string, cliVersion: string): StepTemplate {
  return {
    Id: TEMPLATE_ID,
    Name: NAME,
    Description: DESCRIPTION,
    ActionType: ACTION_TYPE,
    Version: VERSION,
    CommunityActionTemplateId: null,
    Packages: [
      {
        Id: EXPERIMENT_PACKAGE_REFERENCE_ID,
        Name: EXPERIMENT_PACKAGE,
        PackageId: null,
        FeedId: null,
        AcquisitionLocation: 'Server',
        Properties: {
          Extract: 'True',
          SelectionMode: 'deferred',
          PackageParameterName: EXPERIMENT_PACKAGE,
          Purpose: '',
        },
      },
    ],
    GitDependencies: [],
    Properties: {
      'Octopus.Action.Script.ScriptSource': 'Inline',
      'Octopus.Action.Script.Syntax': 'Bash',
      'Octopus.Action.Script.ScriptBody': scriptBody,
    },
    Parameters: buildParameters(cliVersion),
    StepPackageId: ACTION_TYPE,
    $Meta: { ExportedAt: EXPORTED_AT, OctopusVersion: OCTOPUS_VERSION, Type: 'ActionTemplate' },
    LastModifiedBy: LAST_MODIFIED_BY,
    Category: CATEGORY,
  }
}

/** The file's text: two-space JSON as Octopus exports it, UTF-8 without BOM, one final newline. */
export function renderTemplate(template: StepTemplate): string {
  return `${JSON.stringify(template, null, 2)}\n`
}

/** The template as generated from the files in the repository at `root` now. */
export function generateTemplate(root: string): string {
  const paths = templatePaths(root)
  const script = readFileSync(paths.script, 'utf8')
  const { version } = JSON.parse(readFileSync(paths.cliPackage, 'utf8')) as { version: string }
  return renderTemplate(buildTemplate(script, version))
}
