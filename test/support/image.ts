import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './paths.ts'

const run = promisify(execFile)

/**
 * Builds the image with scripts/build-image (cached: seconds when nothing changed, minutes the first
 * time on a machine) and returns its name; `kubectl` builds its -kubectl variant too and returns
 * that one's. Build progress goes straight to the test's stderr.
 */
export function buildImage(variant?: 'kubectl'): Promise<string> {
  const args = variant === undefined ? [] : [`--${variant}`]
  const child = spawn(join(REPO_ROOT, 'scripts/build-image'), args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      const image = stdout.trim().split('\n').at(-1)
      if (code === 0 && image !== undefined && image !== '') resolve(image)
      else reject(new Error(`scripts/build-image exited with ${code}`))
    })
  })
}

/** buildah on the project's image storage (scripts/buildah). */
export async function buildah(args: string[]): Promise<string> {
  const { stdout } = await run(join(REPO_ROOT, 'scripts/buildah'), args, { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

export interface ContainerRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command in a working container of the image, as its user unless `user` says otherwise. */
export async function runInContainer(
  container: string,
  command: string[],
  options: { volumes?: string[]; env?: Record<string, string>; workdir?: string; user?: string } = {},
): Promise<ContainerRun> {
  const args = ['run']
  for (const volume of options.volumes ?? []) args.push('--volume', volume)
  for (const [key, value] of Object.entries(options.env ?? {})) args.push('--env', `${key}=${value}`)
  if (options.workdir !== undefined) args.push('--workingdir', options.workdir)
  if (options.user !== undefined) args.push('--user', options.user)
  try {
    const { stdout, stderr } = await run(
      join(REPO_ROOT, 'scripts/buildah'),
      [...args, container, '--', ...command],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string }
    if (typeof failure.code !== 'number') throw error
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' }
  }
}

export interface ImageConfig {
  User?: string
  Env?: string[]
  Entrypoint?: string[] | null
  Cmd?: string[] | null
  WorkingDir?: string
  Labels?: Record<string, string>
}

export async function imageConfig(image: string): Promise<{ config: ImageConfig; architecture: string }> {
  const inspected = JSON.parse(await buildah(['inspect', '--type', 'image', image])) as {
    OCIv1: { config: ImageConfig; architecture: string }
  }
  return { config: inspected.OCIv1.config, architecture: inspected.OCIv1.architecture }
}
