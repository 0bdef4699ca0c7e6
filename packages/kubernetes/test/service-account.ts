import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../../test/support/cli.ts'
import { kubectl } from '../../../test/support/kubectl.ts'

/** A kubeconfig that authenticates as a ServiceAccount (token only: no admin certificate comes along). */
export async function serviceAccountKubeconfig(
  adminKubeconfig: string,
  namespace: string,
  account: string,
): Promise<string> {
  const token = (
    await kubectl(adminKubeconfig, ['-n', namespace, 'create', 'token', account, '--duration=1h'])
  ).trim()
  const view = (path: string) =>
    kubectl(adminKubeconfig, ['config', 'view', '--minify', '--raw', '-o', `jsonpath=${path}`])
  const server = (await view('{.clusters[0].cluster.server}')).trim()
  const caFile = (await view('{.clusters[0].cluster.certificate-authority}')).trim()
  const caData = (await view('{.clusters[0].cluster.certificate-authority-data}')).trim()
  const ca = caData === '' ? { 'certificate-authority': caFile } : { 'certificate-authority-data': caData }
  const path = join(tempDir('sa-'), 'kubeconfig')
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { server, ...ca } }],
      users: [{ name: account, user: { token } }],
      contexts: [{ name: account, context: { cluster: 'test', user: account, namespace } }],
      'current-context': account,
    }),
  )
  return path
}
