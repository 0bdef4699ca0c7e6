import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './cli.ts'

/** A self-signed key and certificate for 127.0.0.1, made at test time so no key is ever committed. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = tempDir('steadystate-tls-')
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', ...subject, '-keyout', key, '-out', cert],
    {
      stdio: 'ignore',
    },
  )
  return { key: readFileSync(key), cert: readFileSync(cert) }
}
