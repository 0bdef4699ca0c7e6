import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadExperiment, validateExperiment } from '@steadystate/core'
import { createRegistry } from '../../packages/cli/src/registry.ts'
import { corpusFiles, skipWithoutCorpus } from '../support/corpus.ts'
import { referenceChaosBin } from '../support/reference-chaostoolkit.ts'

/** What stays invalid on this machine once the extensions are installed: none of it is about them. */
const ELSEWHERE = [
  /Configuration makes reference to an environment key that does not exist/,
  /Secrets make reference to an environment key that does not exist/,
  /path 'vegeta' cannot be found, in activity/,
  // Modules of the experiments' own repositories, not published anywhere (the walkthrough's
  // probes.py and tolerances.py, the playground's load.py, chaospower).
  /could not find Python module '(load|tolerances|probes|chaospower\.probes)' in activity .*: if it is a module of your own, put its folder on PYTHONPATH/,
  // Functions of a fork of chaosk8s, not in 0.39 (native).
  /The python module 'chaosk8s\.deployment\.(actions|probes)' does not expose a function called/,
  // A mapping where a list of controls belongs: `chaos run` refuses it too ("A control must have a
  // `name` property").
  /^controls must be a list$/,
  // The interactive-controls sample's own control module (in its repository, not published).
  /provider module 'chaossimpleinteract\.control'\) declared at .* cannot be honoured: Python cannot import it \(ModuleNotFoundError: No module named 'chaossimpleinteract'\): if it is a module of your own, put its folder on PYTHONPATH/,
  // Control packages the reference virtualenv does not hold: refused with their install hint (the
  // other half of "validates when its extension is installed, names what to install when not").
  /provider module '(chaostracing|chaoshumio)\.control'\) declared at controls\[\d\] in the experiment cannot be honoured: Python cannot import it \(ModuleNotFoundError: No module named '(chaostracing|chaoshumio)'\): pip install chaostoolkit-(opentracing|humio);/,
]

/**
 * The public corpus with its extensions installed (the reference virtualenv holds chaostoolkit-aws,
 * -azure, -gremlin, -spring, -k6 and -addons): through the Python bridge, every activity of theirs
 * validates, and what is still refused is the machine's (environment variables, programs) or the
 * experiments' own files.
 */
describe('public corpus with its extensions installed in the interpreter', () => {
  let python: string
  beforeAll(async () => {
    python = join(await referenceChaosBin(), 'python')
  }, 900_000)

  it('every experiment validates but for what is not about its extensions', async (context) => {
    skipWithoutCorpus(context)
    const files = corpusFiles()
    expect(files.length).toBeGreaterThan(20)
    let bridgedChecked = 0
    for (const { name: file, path } of files) {
      const { experiment } = await loadExperiment(path)
      if ('chaoslib-version' in experiment || 'run' in experiment || file.endsWith('settings.yaml')) continue
      const registry = createRegistry()
      const issues = await validateExperiment(experiment, {
        registry,
        env: { PATH: process.env.PATH, STEADYSTATE_PYTHON: python },
        cwd: dirname(path),
      }).finally(() => registry.close())
      const errors = issues.filter((issue) => issue.severity === 'error')
      const unexpected = errors.filter((issue) => !ELSEWHERE.some((reason) => reason.test(issue.message)))
      expect(unexpected, `${file}: ${JSON.stringify(unexpected, null, 2)}`).toEqual([])
      bridgedChecked +=
        JSON.stringify(experiment).match(/"module":\s*"(chaos(aws|azure|gremlin|spring|k6)|os\.path)\./g)
          ?.length ?? 0
    }
    // The AWS, Azure, Gremlin, Spring, k6 and os.path activities were all among those checked.
    expect(bridgedChecked).toBeGreaterThanOrEqual(14)
  })
})
