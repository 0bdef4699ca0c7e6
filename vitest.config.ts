import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources through the `steadystate-source`
// export condition, so unit tests never need a build. End-to-end tests run the built CLI.
export default defineConfig({
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
          include: ['packages/*/src/**/*.test.ts', 'test/conformance/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
