import type { GlobalControlSource } from '@steadystate/core'
import type { RunJobOptions } from './run-job.ts'
import { loadControlFile, loadSettings, type LoadedSettings } from './settings-file.ts'

/** What a run takes from outside the experiment: the settings file and control files. */
export interface GlobalInputs {
  settings: LoadedSettings | undefined
  controls: GlobalControlSource[]
}

/** Reads the settings file and control files; one that cannot be read throws a usage error. */
export async function loadGlobalInputs(
  options: Pick<RunJobOptions, 'settingsPath' | 'controlFiles' | 'io' | 'logger'>,
): Promise<GlobalInputs> {
  const { io } = options
  const settings = await loadSettings(options.settingsPath, io.env, io.cwd)
  const files = await Promise.all((options.controlFiles ?? []).map((file) => loadControlFile(file, io.cwd)))
  if (settings !== undefined) {
    options.logger.info(`settings read from ${settings.path}`)
    if (settings.ignoredKeys.length > 0)
      options.logger.warn(
        `${settings.path}: ${settings.ignoredKeys.join(', ')} not used by steadystate (it uses controls and http notifications)`,
      )
  }
  return { settings, controls: [...(settings === undefined ? [] : [settings.controls]), ...files] }
}
