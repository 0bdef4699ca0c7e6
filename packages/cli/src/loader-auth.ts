import type { Environment } from '@steadystate/core'

/** The variable the Chaos Toolkit's loader reads for an experiment URL's bearer token. */
export const LOADER_TOKEN_VARIABLE = 'CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN'

/** The loader's bearer token from the environment, for every command that loads an experiment. */
export function loaderAuth(env: Environment): { bearerToken?: string } {
  const token = env[LOADER_TOKEN_VARIABLE]
  return token === undefined || token === '' ? {} : { bearerToken: token }
}
