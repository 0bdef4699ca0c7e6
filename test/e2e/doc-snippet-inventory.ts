/**
 * How each snippet a user may paste from docs/ is known to work, by id (test/support/doc-snippets.ts
 * finds them; test/e2e/doc-snippets.test.ts fails when one is missing here or an entry is stale).
 * A changed snippet gets a new id: check it again, then update its entry.
 */
export type SnippetCheck =
  /** A test runs it as written (or lints it, for YAML); the file is relative to the repository. */
  | { test: string; note?: string }
  /** Run by hand, as written: when and what it did. */
  | { ran: string }
  /** A command named in the prose, with nothing of the user's to paste. */
  | { mention: string }
  /** Cannot run here: why, and what covers it instead. */
  | { notHere: string }

export const INVENTORY: Record<string, { where: string; check: SnippetCheck }> = {
  '04108ad1e0df': {
    where: 'docs/container-image.md: ghcr.io/steadystate/steadystate:0.1.0',
    check: { test: 'test/e2e/image.test.ts', note: 'the built image has that name' },
  },
  '376362dede70': {
    where: 'docs/container-image.md: docker run --rm --user …',
    check: { test: 'test/e2e/doc-snippets.test.ts', note: 'docker run stands in as buildah run' },
  },
  dd74ee04f22d: {
    where: 'docs/container-image.md: ghcr.io/steadystate/steadystate:0.1.0-kubectl',
    check: { test: 'test/kubernetes/octopus-container.test.ts' },
  },
  cb272a2704d0: {
    where: 'docs/container-image.md: kubectl version --client',
    check: { test: 'test/kubernetes/octopus-container.test.ts', note: 'in the -kubectl image' },
  },
  '30a636d10316': {
    where: 'docs/container-image.md: scripts/build-image --kubectl',
    check: { test: 'test/kubernetes/octopus-container.test.ts' },
  },
  fe4824047f27: {
    where: 'docs/container-image.md: scripts/kubectl-build arm64',
    check: {
      ran: '2026-12-06, from the repository root: built kubectl v1.36.3 for linux/arm64 in 475 s (an ARM aarch64 ELF)',
    },
  },
  '847ac06f86b9': {
    where: 'docs/container-image.md: scripts/build-image … scripts/buildah run … steadystate --version',
    check: { test: 'test/e2e/doc-snippets.test.ts' },
  },
  '0301e3d11c8a': {
    where: 'docs/container-image.md: pnpm build; node scripts/image-context.mjs …; docker buildx build …',
    check: {
      notHere:
        'docker buildx needs Docker with BuildKit and a registry login, neither here; the release workflow runs this build (docker/build-push-action, same context script and Dockerfile), which test/e2e/release-workflow.test.ts checks, and scripts/build-image runs its first two commands for every image test',
    },
  },
  af3814eae678: {
    where: 'docs/github-action.md: - uses: your-org/steadystate@v0',
    check: { test: 'test/e2e/doc-snippets.test.ts', note: 'actionlint, with the action checked out as ./' },
  },
  '132c30bc5c71': {
    where: 'docs/github-action.md: the on-push workflow',
    check: { test: 'test/e2e/github-action-lint.test.ts' },
  },
  be75c15cd2f8: {
    where: 'docs/github-action.md: the scheduled workflow',
    check: { test: 'test/e2e/github-action-lint.test.ts' },
  },
  a46d77123d91: {
    where: 'docs/github-action.md: the Kubernetes workflow',
    check: { test: 'test/e2e/github-action-lint.test.ts' },
  },
  '176d0e048440': {
    where: 'docs/github-action.md: node bench/github-action.mjs',
    check: {
      ran: '2026-12-06, from the repository root: printed the table of medians of 15 runs on Node 20 and 24',
    },
  },
  '62a9d47e54bd': {
    where:
      'docs/github-action.md: steadystate journal-facts journal.json --format github-output >> "$GITHUB_OUTPUT"',
    check: { test: 'test/e2e/doc-snippets.test.ts' },
  },
  '2d9bf5733bd0': {
    where: 'docs/python-bridge.md: - uses: actions/setup-python@v5 … - uses: your-org/steadystate@v0',
    check: { test: 'test/e2e/doc-snippets.test.ts', note: 'actionlint, with the action checked out as ./' },
  },
  a03ab54cb895: {
    where: 'docs/gitlab.md: steadystate run --fail-on-deviation',
    check: { mention: 'names the command the job script runs (test/e2e/gitlab-component.test.ts runs it)' },
  },
  f5124b99eeb0: {
    where: 'docs/gitlab.md: steadystate journal-facts JOURNAL --format dotenv',
    check: { mention: 'names what writes the dotenv report (test/e2e/gitlab-component.test.ts reads it)' },
  },
  fefdb1a9fe03: {
    where: 'docs/gitlab.md: steadystate rollback --if-pending',
    check: { mention: 'names what after_script runs (test/e2e/gitlab-component.test.ts)' },
  },
  '4950d0b0eb84': {
    where: 'docs/in-cluster.md: steadystate rollback --if-pending',
    check: { mention: 'names what the init container runs (test/e2e/cronjob-recovery.test.ts)' },
  },
  '80e2ccd2eaeb': {
    where: 'docs/octopus.md: steadystate journal-facts JOURNAL --format octopus',
    check: { mention: 'names what prints the service messages (test/e2e/octopus.test.ts)' },
  },
  a1b2cf8f842f: {
    where: 'docs/octopus.md: steadystate journal-facts',
    check: { mention: 'names the command that sets the output variables (test/e2e/octopus.test.ts)' },
  },
  '3f3a1af0820d': {
    where: 'docs/github-action.md: node packages/github-action/build.mjs',
    check: {
      test: 'test/e2e/github-action-dist.test.ts',
      note: 'the same build, into a temporary directory',
    },
  },
  b8ac00692257: {
    where: 'docs/gitlab.md: include: component … run@0.1.0',
    check: {
      test: 'test/e2e/doc-snippets.test.ts',
      note: 'GitLab CI schema, and the inputs the component declares',
    },
  },
  da4aab8dd083: {
    where: 'docs/gitlab.md: include with kube-context (the GitLab agent)',
    check: {
      test: 'test/e2e/doc-snippets.test.ts',
      note: 'GitLab CI schema, and the inputs the component declares',
    },
  },
  '9488c4051a17': {
    where: 'docs/gitlab.md: steadystate: (a job extending the component)',
    check: { test: 'test/e2e/doc-snippets.test.ts', note: 'GitLab CI schema' },
  },
  acf552df150a: {
    where: 'docs/in-cluster.md: kubectl -n shop apply …; create job; logs -f',
    check: {
      test: 'test/kubernetes/doc-snippets.test.ts',
      note: 'apply and create job as written; `logs -f` cannot follow a pod that kwok only pretends to run',
    },
  },
  '19f925e07569': {
    where: 'docs/in-cluster.md: kubectl -n shop create configmap … | kubectl apply -f -',
    check: { test: 'test/kubernetes/doc-snippets.test.ts' },
  },
  e164c30bfa9a: {
    where: 'docs/in-cluster.md: kubectl get jobs',
    check: { mention: 'named as a place that shows failed runs' },
  },
  '8d3ca4b1020c': {
    where: "docs/in-cluster.md: kubectl patch cronjob steadystate -p '…'",
    check: { test: 'test/kubernetes/doc-snippets.test.ts' },
  },
  ef8768b12a61: {
    where: 'docs/in-cluster.md: kubectl -n shop run journals …; wait; cp; report',
    check: {
      test: 'test/kubernetes/doc-snippets.test.ts',
      note: 'run, wait, delete and report as written in a namespace enforcing the restricted Pod Security Standard; `kubectl cp` needs a running container, which kwok does not have, so the test puts the journals there itself',
    },
  },
  fb9e46629da5: {
    where: 'docs/in-cluster.md: kubectl apply --dry-run=server',
    check: { mention: 'describes a test' },
  },
  '11612ab2ace7': {
    where: 'docs/in-cluster.md: kubectl create job --from=cronjob/steadystate',
    check: { mention: 'describes a test' },
  },
  '756d748cba7e': {
    where: 'docs/octopus.md: steadystate is not on PATH, … (an error message)',
    check: { test: 'test/e2e/octopus-install.test.ts', note: 'an error the step prints, asserted there' },
  },
  '4cd8bfe754da': {
    where: 'docs/octopus.md: kubectl -n <namespace> apply -f deploy/rbac/namespace-chaos.yaml',
    check: { test: 'test/kubernetes/doc-snippets.test.ts', note: '<namespace> is shop' },
  },
  '9c0dd40663d3': {
    where: 'docs/octopus.md: kubectl -n <namespace> create token steadystate --duration=8760h',
    check: { test: 'test/kubernetes/doc-snippets.test.ts', note: '<namespace> is shop' },
  },
  d27b8880c977: {
    where: 'docs/octopus.md: pnpm octopus:template',
    check: {
      test: 'packages/octopus/src/build-template.test.ts',
      note: 'what it writes is what is committed',
    },
  },
  '820af8f429a1': {
    where: 'docs/releasing.md: pnpm octopus:template',
    check: {
      test: 'packages/octopus/src/build-template.test.ts',
      note: 'what it writes is what is committed',
    },
  },
  '93512cbaafb7': {
    where: 'docs/releasing.md: node scripts/release-version.mjs vX.Y.Z',
    check: { test: 'test/e2e/release-workflow.test.ts' },
  },
  '509589d2a10d': {
    where: 'docs/releasing.md: node packages/github-action/build.mjs',
    check: { test: 'test/e2e/github-action-dist.test.ts' },
  },
  '51ca26e32013': {
    where: 'docs/releasing.md: git tag vX.Y.Z && git push origin vX.Y.Z',
    check: {
      notHere:
        'pushing a tag to GitHub starts a real release; there is no GitHub remote here. What the tag runs is checked by test/e2e/release-workflow.test.ts',
    },
  },
  d8e5e7719c73: {
    where: 'docs/releasing.md: npm publish --dry-run',
    check: { test: 'test/e2e/package.test.ts' },
  },
}
