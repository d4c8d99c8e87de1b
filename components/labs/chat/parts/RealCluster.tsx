'use client';
/**
 * The Real cluster tab: a running `npm run chat:cluster` (gateway processes over Redis) as the lab
 * server sees it through /api/chat-cluster: live connections and memory per gateway, Redis traffic,
 * the load generator's figures, fault buttons, and the reconnect storm measured next to the chat
 * simulation's prediction for the same parameters (computed by the load generator).
 */
import { useState } from 'react';
import { TimeSeriesChart, type ChartSeries } from '@/components/charts';
import type { SeriesPoint } from '@/simulations/core/recorder';
import { kibPerConnection, stormSeries, type ClusterHistory, type ClusterStats } from './realCluster';
import styles from '../ChatView.module.css';
import labView from '../../lab-view.module.css';
import { numberText } from '@/simulations/core/numberText';

const seconds = (p: SeriesPoint) => p.t / 1000;
const value = (p: SeriesPoint) => p.v;
const PALETTE = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)', 'var(--series-6)'];
const FAULT_ENDPOINT = '/api/chat-cluster/faults';

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : numberText(n, digits));

export function RealCluster({ stats, history, presenter }: { stats: ClusterStats; history: ClusterHistory; presenter: boolean }) {
  const [message, setMessage] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const load = stats.load;
  const storm = stormSeries(load);
  const height = presenter ? 150 : 170;

  const inject = async (fault: { type: string; gateway?: number; durationMs?: number }, label: string) => {
    setBusy(true);
    try {
      const res = await fetch(FAULT_ENDPOINT, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
      const body = (await res.json()) as { error?: string };
      setMessage(res.ok ? `${label}: done` : `${label}: refused (${body.error ?? res.status})`);
    } catch {
      setMessage(`${label}: the lab server does not answer`);
    } finally {
      setBusy(false);
    }
  };

  const line = (id: string, label: string, data: SeriesPoint[], color: string, kind: ChartSeries['kind'] = 'line'): ChartSeries<SeriesPoint> => ({ id, label, data, x: seconds, y: value, kind, color });
  const faultMarkers = (load?.faults ?? []).map((f) => ({ x: f.atMs / 1000, label: f.type === 'gateway-kill' ? `kill ${f.gateway}` : f.type === 'gateway-partition' ? `partition ${f.gateway}` : 'Redis stop' }));
  const p = load?.prediction ?? null;

  return (
    <div className={labView.stack} data-testid="chat-real-cluster" data-mode={stats.mode} data-gateways={stats.gateways.length}>
      <div className={styles.top}>
        <table className={labView.numbers} data-testid="chat-real-gateways">
          <caption>
            {stats.mode === 'redis' ? `Gateways over Redis (${stats.redis?.running ? `${fmt(stats.redis.opsPerSec)} ops/s, ${fmt(stats.redis.keys)} keys` : 'Redis stopped'})` : 'One gateway on the embedded bus (no Redis)'}
            {' · '}balancer {stats.options.lbPolicy} at {stats.balancer.url}
          </caption>
          <thead>
            <tr>
              <th scope="col">gateway</th>
              <th scope="col">state</th>
              <th scope="col">connections</th>
              <th scope="col">RSS</th>
              <th scope="col">RSS / connection</th>
            </tr>
          </thead>
          <tbody>
            {stats.gateways.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.id}</th>
                <td>{g.state}</td>
                <td>{fmt(g.connections ?? g.balancerConnections)}</td>
                <td>{g.rssBytes === null ? '–' : `${fmt(g.rssBytes / 1024 / 1024)} MB`}</td>
                <td>{kibPerConnection(g) === null ? '–' : `${fmt(kibPerConnection(g), 1)} KiB`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={labView.panel}>
          <p className={labView.panelTitle}>Faults on the real cluster</p>
          <div className={labView.faultButtons}>
            {stats.gateways.map((g) => (
              <span key={g.id} className={labView.faultButtons}>
                <button type="button" className={labView.faultButton} disabled={busy || g.state === 'killed'} onClick={() => inject({ type: 'gateway-kill', gateway: g.id, durationMs: 15_000 }, `kill -9 gateway ${g.id}`)}>
                  kill -9 gateway {g.id}
                </button>
                <button type="button" className={labView.faultButton} disabled={busy || g.state !== 'up'} onClick={() => inject({ type: 'gateway-partition', gateway: g.id, durationMs: 10_000 }, `partition gateway ${g.id}`)}>
                  partition {g.id} for 10 s
                </button>
              </span>
            ))}
            {stats.mode === 'redis' && (
              <button type="button" className={labView.faultButton} disabled={busy || !stats.redis?.running} onClick={() => inject({ type: 'redis-stop', durationMs: 5000 }, 'stop Redis')}>
                stop Redis for 5 s
              </button>
            )}
          </div>
          <p role="status" aria-live="polite" className={styles.note} data-testid="chat-real-message">
            {message || 'A killed gateway restarts after 15 s.'}
          </p>
          <table className={labView.numbers} data-testid="chat-real-load">
            <caption>Load generator {load ? `(${fmt(load.elapsedMs / 1000)} s)` : '(not running: npm run chat:load)'}</caption>
            {load && (
              <tbody>
                <tr>
                  <th scope="row">clients online</th>
                  <td>
                    {fmt(load.online)} / {fmt(load.clients)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">sent / acknowledged</th>
                  <td>
                    {fmt(load.sends)} / {fmt(load.acknowledged)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">deliveries</th>
                  <td>{fmt(load.deliveries)}</td>
                </tr>
                <tr>
                  <th scope="row">delivery latency p50 / p99</th>
                  <td>
                    {fmt(load.deliveryLatencyMs.p50)} / {fmt(load.deliveryLatencyMs.p99)} ms
                  </td>
                </tr>
                <tr>
                  <th scope="row">duplicates / out of order</th>
                  <td>
                    {fmt(load.duplicates)} / {fmt(load.outOfOrder)}
                  </td>
                </tr>
                {p && (
                  <tr>
                    <th scope="row">predicted storm ({p.faultType} at {fmt(p.faultAtMs / 1000)} s)</th>
                    <td>
                      peak {fmt(p.peakAttemptsPerSec)}/s, recovery {p.recoveryMs === null ? 'never' : `${fmt(p.recoveryMs / 1000, 1)} s`}
                    </td>
                  </tr>
                )}
              </tbody>
            )}
          </table>
        </div>
      </div>
      <div className={`${labView.charts} ${styles.charts}`}>
        <TimeSeriesChart
          title="Reconnect attempts per second: measured vs the simulation's prediction"
          xLabel="time since the load started (s)"
          yLabel="per s"
          yUnit="/s"
          series={[line('measured', 'measured (load generator)', storm.measured, PALETTE[1], 'area'), line('predicted', 'predicted (simulation, same parameters)', storm.predicted, PALETTE[2])]}
          markers={faultMarkers}
          height={height}
        />
        <TimeSeriesChart
          title="Connections per gateway"
          xLabel="time (s)"
          yLabel="connections"
          yUnit="connections"
          series={stats.gateways.map((g, i) => line(`gw${g.id}`, `gateway ${g.id}`, history.connections[i] ?? [], PALETTE[i % PALETTE.length]))}
          height={height}
        />
        <TimeSeriesChart
          title="Memory per gateway (RSS)"
          xLabel="time (s)"
          yLabel="MB"
          yUnit="MB"
          series={stats.gateways.map((g, i) => line(`mem${g.id}`, `gateway ${g.id}`, history.memoryMB[i] ?? [], PALETTE[i % PALETTE.length]))}
          height={height}
        />
        {stats.mode === 'redis' && <TimeSeriesChart title="Redis operations per second" xLabel="time (s)" yLabel="ops / s" yUnit="/s" series={[line('redis', 'Redis ops/s', history.redisOps, PALETTE[3], 'area')]} height={height} />}
        <TimeSeriesChart
          title="Delivery latency (load generator, whole run)"
          xLabel="time (s)"
          yLabel="latency (ms)"
          yUnit="ms"
          series={[line('p50', 'p50', history.latencyP50, PALETTE[0]), line('p99', 'p99', history.latencyP99, PALETTE[4])]}
          height={height}
        />
      </div>
    </div>
  );
}
