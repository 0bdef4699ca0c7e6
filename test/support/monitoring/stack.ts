import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startExporter } from './exporter.ts'
import { startAlertmanager, startPrometheus } from './prometheus.ts'

/** URLs of the running stack, as tests receive them (vitest `inject('monitoring')`). */
export interface MonitoringUrls {
  prometheus: string
  alertmanager: string
  exporter: string
}

export interface MonitoringStack {
  urls: MonitoringUrls
  stop(): Promise<void>
}

/**
 * The fixture exporter, a real Alertmanager and a real Prometheus that scrapes the one and alerts
 * the other, all on 127.0.0.1 with free ports and data in a temporary directory removed on stop.
 */
export async function startMonitoringStack(): Promise<MonitoringStack> {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-monitoring-'))
  const stops: (() => Promise<void>)[] = []
  const stop = async (): Promise<void> => {
    for (const stopOne of stops.reverse()) await stopOne()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const exporter = await startExporter()
    stops.push(() => exporter.close())
    const alertmanager = await startAlertmanager(join(dir, 'alertmanager'))
    stops.push(() => alertmanager.stop())
    const prometheus = await startPrometheus({
      dir: join(dir, 'prometheus'),
      target: new URL(exporter.url).host,
      alertmanager: new URL(alertmanager.url).host,
    })
    stops.push(() => prometheus.stop())
    return {
      urls: { prometheus: prometheus.url, alertmanager: alertmanager.url, exporter: exporter.url },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
