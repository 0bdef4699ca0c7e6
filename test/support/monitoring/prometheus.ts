import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, startService, type Service } from './service.ts'

/** The alert the fixture's rule raises while the exporter reports unhealthy. */
export const FIXTURE_ALERT = 'FixtureUnhealthy'

/**
 * Test-only basic-auth credentials for a Prometheus started with `basicAuth: true`; the bcrypt hash
 * (cost 4, fast to check) is of this password.
 */
export const TEST_BASIC_AUTH = {
  username: 'steadystate',
  password: 'steadystate-test-password',
  bcrypt: '$2b$04$n9PhneD1.F/6K2akUBFaBOfCr.7SRVGh7snooX5jkqeu4gdg3tHN6',
} as const

export interface PrometheusOptions {
  /** Where files and the TSDB go (a fresh temporary directory). */
  dir: string
  /** host:port of the exporter to scrape. */
  target: string
  /** host:port of the Alertmanager to send alerts to, if any. */
  alertmanager?: string
  /** Require TEST_BASIC_AUTH on the API (web config file). */
  basicAuth?: boolean
}

/**
 * A real Prometheus on 127.0.0.1: scrapes the exporter and evaluates the fixture's alerting rule
 * every second, so a change shows within about two seconds.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<Service> {
  mkdirSync(options.dir, { recursive: true })
  const config = join(options.dir, 'prometheus.yml')
  const rules = join(options.dir, 'rules.yml')
  writeFileSync(
    rules,
    [
      'groups:',
      '  - name: fixture',
      '    interval: 1s',
      '    rules:',
      `      - alert: ${FIXTURE_ALERT}`,
      '        expr: fixture_healthy == 0',
      '        labels:',
      '          severity: page',
      '        annotations:',
      '          summary: the fixture exporter reports unhealthy',
      '',
    ].join('\n'),
  )
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      `rule_files: [${JSON.stringify(rules)}]`,
      ...(options.alertmanager === undefined
        ? []
        : [
            'alerting:',
            '  alertmanagers:',
            `    - static_configs: [{ targets: ["${options.alertmanager}"] }]`,
          ]),
      'scrape_configs:',
      '  - job_name: fixture',
      `    static_configs: [{ targets: ["${options.target}"] }]`,
      '',
    ].join('\n'),
  )
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(options.dir, 'data')}`,
    '--log.level=warn',
  ]
  if (options.basicAuth === true) {
    const webConfig = join(options.dir, 'web.yml')
    writeFileSync(webConfig, `basic_auth_users:\n  ${TEST_BASIC_AUTH.username}: ${TEST_BASIC_AUTH.bcrypt}\n`)
    args.push(`--web.config.file=${webConfig}`)
  }
  return startOnFreePort('Prometheus', 'prometheus', args, options.basicAuth === true)
}

/** A real Alertmanager on 127.0.0.1, without clustering, with a receiver that sends nothing. */
export async function startAlertmanager(dir: string): Promise<Service> {
  mkdirSync(dir, { recursive: true })
  const config = join(dir, 'alertmanager.yml')
  writeFileSync(
    config,
    [
      'route:',
      '  receiver: "null"',
      '  group_wait: 0s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: "null"',
      '',
    ].join('\n'),
  )
  return startOnFreePort('Alertmanager', 'prometheus-alertmanager', [
    `--config.file=${config}`,
    `--storage.path=${join(dir, 'data')}`,
    // An empty address turns the HA cluster (and its port 9094) off.
    '--cluster.listen-address=',
    '--log.level=warn',
  ])
}

/** Another process may take the free port between the check and the start: try a few. */
async function startOnFreePort(
  name: string,
  command: string,
  args: string[],
  readyNeedsAuth = false,
): Promise<Service> {
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    try {
      return await startService(name, command, [...args, `--web.listen-address=127.0.0.1:${port}`], url, {
        readyHeaders: readyNeedsAuth ? { Authorization: basicAuthorization() } : {},
      })
    } catch (error) {
      lastError = error
      if (!String(error).includes('address already in use')) throw error
    }
  }
  throw lastError
}

export function basicAuthorization(): string {
  return `Basic ${Buffer.from(`${TEST_BASIC_AUTH.username}:${TEST_BASIC_AUTH.password}`).toString('base64')}`
}
