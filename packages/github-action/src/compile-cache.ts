import * as nodeModule from 'node:module'

interface CompileCache {
  enableCompileCache(): unknown
}

/** `module.enableCompileCache` exists from Node 22.1 (the action runs on node24); not on Node 20. */
function hasCompileCache(value: object): value is CompileCache {
  return typeof Reflect.get(value, 'enableCompileCache') === 'function'
}

/**
 * Node's on-disk compile cache for every module loaded after this call: a later run of the same
 * dist/ (the post step, the next job on a self-hosted runner) skips parsing and compiling it. It
 * lives in NODE_COMPILE_CACHE, else `<os.tmpdir()>/node-compile-cache`; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off. Called by the entries before they import anything else.
 */
export function enableCompileCache(): void {
  if (hasCompileCache(nodeModule)) nodeModule.enableCompileCache()
}
