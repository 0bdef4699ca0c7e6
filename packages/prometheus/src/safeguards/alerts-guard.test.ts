import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JsonValue } from '@steadystate/model'
import { callProbe, sendJson, startApiDouble } from '../../test-support/prometheus.ts'
import { parseMatchers } from './matchers.ts'

const MODULE = 'steadystate.safeguards.alertmanager'

const PAGE = {
  labels: { alertname: 'HighErrorRate', severity: 'page', service: 'checkout' },
  startsAt: '2024-05-01T10:00:00.000Z',
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
}

describe('steadystate.safeguards.alertmanager.no_alerts_firing', () => {
  let api: Awaited<ReturnType<typeof startApiDouble>>
  beforeAll(async () => {
    api = await startApiDouble((request, response) => {
      const filters = request.query.getAll('filter')
      if (filters.includes('severity=~"("')) {
        response.writeHead(400, { 'Content-Type': 'application/json' })
        response.end('"bad matcher format: severity=~\\"(\\""')
      } else if (filters.includes('severity="page"') || filters.includes('severity=~"critical|page"'))
        sendJson(response, 200, [PAGE])
      else sendJson(response, 200, [])
    })
  })
  afterAll(() => api.close())

  const call = (args: Record<string, unknown>, seen?: { measured: JsonValue[]; logged: string[] }) =>
    callProbe('no_alerts_firing', args, {
      module: MODULE,
      configuration: { alertmanager_base_url: api.url },
      measure: (_kind, data) => seen?.measured.push(data),
      log: (_level, message) => seen?.logged.push(message),
    })

  it('asks for active alerts matching every matcher, silenced and inhibited ones left out', async () => {
    expect(await call({ matchers: ['alertname="Watchdog"', 'severity!=none'] })).toBe(true)
    const asked = api.seen.at(-1)
    expect(asked?.path).toBe('/api/v2/alerts')
    expect([...(asked?.query.entries() ?? [])]).toEqual([
      ['active', 'true'],
      ['silenced', 'false'],
      ['inhibited', 'false'],
      ['filter', 'alertname="Watchdog"'],
      ['filter', 'severity!="none"'],
    ])
    await call({ matchers: { alertname: 'Watchdog' }, include_silenced: true, include_inhibited: true })
    expect(api.seen.at(-1)?.query.get('silenced')).toBe('true')
    expect(api.seen.at(-1)?.query.get('inhibited')).toBe('true')
  })

  it('is false while a matching alert fires, and names it', async () => {
    const seen = { measured: [] as JsonValue[], logged: [] as string[] }
    expect(await call({ matchers: ['severity=~"critical|page"'] }, seen)).toBe(false)
    expect(seen.measured).toEqual([
      {
        at: expect.any(String),
        subject: 'alerts',
        count: 1,
        found: ['HighErrorRate{service="checkout", severity="page"} since 2024-05-01T10:00:00.000Z'],
        watching: 'severity=~"critical|page"',
      },
    ])
    expect(seen.logged[0]).toBe(
      '1 alert(s) firing that match severity=~"critical|page", time to stop: HighErrorRate{service="checkout", severity="page"} since 2024-05-01T10:00:00.000Z',
    )
    expect(await call({ matchers: '{severity="page", service=~"checkout|cart"}' })).toBe(false)
  })

  it("fails with Alertmanager's reason when it refuses a matcher, and when it cannot be asked", async () => {
    await expect(call({ matchers: ['severity=~"("'] })).rejects.toThrow(
      `Alertmanager (${api.url}/api/v2/alerts) did not list the alerts matching severity=~"(": HTTP 400, "bad matcher format`,
    )
    await expect(
      callProbe('no_alerts_firing', { matchers: ['severity="page"'] }, { module: MODULE, configuration: {} }),
    ).rejects.toThrow(
      'could not reach Alertmanager at http://localhost:9093/api/v2/alerts?active=true&silenced=false&inhibited=false&filter=severity%3D%22page%22: ' +
        'connect ECONNREFUSED',
    )
  })
})

describe('parseMatchers', () => {
  it('reads amtool-style matchers, quoted or not, escapes included', () => {
    expect(
      parseMatchers(['alertname = "A \\"quoted\\" name"', 'severity=~critical|page', 'team!~"a,b"']),
    ).toEqual([
      { label: 'alertname', operator: '=', value: 'A "quoted" name' },
      { label: 'severity', operator: '=~', value: 'critical|page' },
      { label: 'team', operator: '!~', value: 'a,b' },
    ])
    expect(parseMatchers('{team=~"a,b", env="prod"}')).toEqual([
      { label: 'team', operator: '=~', value: 'a,b' },
      { label: 'env', operator: '=', value: 'prod' },
    ])
  })

  it('refuses what is not a matcher, and no matcher at all, naming the entry', () => {
    expect(() => parseMatchers(['severity'])).toThrow(
      'matchers[0] "severity" is not a label matcher: write label="value"',
    )
    expect(() => parseMatchers([])).toThrow('no_alerts_firing needs at least one matcher')
    expect(() => parseMatchers([3])).toThrow('matchers[0] must be a string')
    expect(() => parseMatchers(7)).toThrow('matchers must be a list of label matchers')
  })
})
