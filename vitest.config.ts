import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources through the `steadystate-source`
// export condition, so unit tests never need a build. End-to-end tests run the built CLI.
export default defineConfig({
  // The Python worker ships as text inside the bundle (esbuild's text loader); the same here.
  plugins: [
    {
      name: 'python-as-text',
      transform: (code, id) => (id.endsWith('.py') ? `export default ${JSON.stringify(code)}` : undefined),
    },
  ],
  resolve: { conditions: ['steadystate-source'] },
  ssr: { resolve: { conditions: ['steadystate-source'] } },
  test: {
    // The default output, then every skipped test with its reason (e.g. the optional corpus absent).
    reporters: ['default', './test/support/skip-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'test/conformance/**/*.test.ts',
            'test/architecture/**/*.test.ts',
          ],
          // A guard against hangs, not a measure of speed: a 2-core CI machine importing the
          // Kubernetes driver or parsing thousands of documents can take well over 5 s.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // test/hostile: attacks on secrets, logs and sizes, kept as regression tests.
          include: ['test/e2e/**/*.test.ts', 'test/hostile/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'prometheus',
          include: ['test/prometheus/**/*.test.ts'],
          // A real Prometheus and Alertmanager (Debian packages) on 127.0.0.1, shared by the files.
          globalSetup: ['test/prometheus/global-setup.ts'],
          testTimeout: 120_000,
          // The first run installs the reference Chaos Toolkit into a cached virtualenv.
          hookTimeout: 600_000,
          // The files share one exporter whose health some tests change.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'kubernetes',
          include: ['test/kubernetes/**/*.test.ts', 'packages/kubernetes/test/**/*.test.ts'],
          globalSetup: ['test/cluster/global-setup.ts'],
          testTimeout: 90_000,
          // A first run builds the control plane from source (minutes), with progress on stderr.
          hookTimeout: 3_600_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
