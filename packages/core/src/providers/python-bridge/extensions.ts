/**
 * Well-known Chaos Toolkit extensions: the top-level Python module an experiment names, and the
 * PyPI package that provides it, so a missing one gets an exact `pip install` line.
 */
const PACKAGES: Readonly<Record<string, string>> = {
  chaosaddons: 'chaostoolkit-addons',
  chaosaws: 'chaostoolkit-aws',
  chaosazure: 'chaostoolkit-azure',
  chaoscf: 'chaostoolkit-cloud-foundry',
  chaosdatadog: 'chaostoolkit-datadog',
  chaosgcp: 'chaostoolkit-google-cloud-platform',
  chaosgremlin: 'chaostoolkit-gremlin',
  chaoshoneycomb: 'chaostoolkit-honeycomb',
  chaoshumio: 'chaostoolkit-humio',
  chaosistio: 'chaostoolkit-istio',
  chaosk6: 'chaostoolkit-k6',
  chaosk8s: 'chaostoolkit-kubernetes',
  chaoslib: 'chaostoolkit-lib',
  chaosprometheus: 'chaostoolkit-prometheus',
  chaosreliably: 'chaostoolkit-reliably',
  chaosslack: 'chaostoolkit-slack',
  chaosspring: 'chaostoolkit-spring',
  chaostoxi: 'chaostoolkit-toxiproxy',
  chaostracing: 'chaostoolkit-opentracing',
  chaoswm: 'chaoswm',
}

/** The PyPI package providing `module` (a dotted path), when it is a well-known extension. */
export function packageFor(module: string): string | undefined {
  const top = module.split('.')[0] ?? module
  return Object.hasOwn(PACKAGES, top) ? PACKAGES[top] : undefined
}

/** The modules in the table, for `discover`. */
export function knownExtensions(): { module: string; package: string }[] {
  return Object.entries(PACKAGES).map(([module, name]) => ({ module, package: name }))
}
