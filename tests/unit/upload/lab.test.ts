import { describe, expect, it } from 'vitest';
import { runHeadless } from '@/simulations/core/runner';
import { defaults, validate } from '@/simulations/core/params';
import { chunkTradeoffRowOf, uploadLab, type UploadParams, type UploadSimEvent } from '@/simulations/upload';
import { findLab } from '@/simulations/registry';

const base = { ...defaults(uploadLab.schema), 'file.sizeMiB': 4, 'run.horizonS': 40 };
const presetParams = (id: string) => ({ ...defaults(uploadLab.schema), ...uploadLab.presets.find((p) => p.id === id)!.params });

describe('upload lab', () => {
  it('is registered', () => {
    expect(findLab('upload')).toBe(uploadLab);
  });

  it('same seed and params → identical event log and result', () => {
    const a = runHeadless(uploadLab, base, 11);
    const b = runHeadless(uploadLab, base, 11);
    expect(a.runner.recorder.events).toEqual(b.runner.recorder.events);
    expect(a.result).toEqual(b.result);
    const c = runHeadless(uploadLab, { ...base, 'network.dropsPerMinute': 10 }, 12);
    expect(c.runner.recorder.events).not.toEqual(a.runner.recorder.events);
  });

  it('default run: tus resumes after each outage, keeps what arrived, verifies the SHA-256; POST re-sends everything', () => {
    const { result } = runHeadless(uploadLab, { ...base, 'file.sizeMiB': 8 }, 1);
    expect(result.tabs[0].state).toBe('complete');
    expect(result.verified).toBe(true);
    const { tus, post, gcs } = result.lanes;
    expect(tus!.completedAtS).not.toBeNull();
    expect(tus!.lostPerOutage.length).toBe(2);
    expect(post!.lostPerOutage.length).toBe(2);
    // tus loses only the bytes in flight; POST loses the whole attempt
    expect(tus!.wastedBytes).toBeLessThan(post!.wastedBytes);
    expect(gcs!.completedAtS).not.toBeNull();
  });

  it('flaky mobile uplink (the preset as the lesson embeds it): tus and GCS lose 64-128 KiB per drop, POST up to ~10 MiB and takes more than twice as long', () => {
    const { result } = runHeadless(uploadLab, presetParams('flaky-mobile'), 7);
    expect(result.verified).toBe(true);
    const { tus, gcs, post } = result.lanes;
    expect(tus!.wastedBytes).toBeLessThan(post!.wastedBytes);
    for (const lost of [...tus!.lostPerOutage, ...gcs!.lostPerOutage]) {
      expect(lost).toBeGreaterThanOrEqual(64 * 1024);
      expect(lost).toBeLessThanOrEqual(128 * 1024);
    }
    expect(Math.max(...post!.lostPerOutage)).toBeGreaterThan(9.5 * 1024 * 1024);
    expect(Math.max(...post!.lostPerOutage)).toBeLessThan(11 * 1024 * 1024);
    expect(post!.completedAtS!).toBeGreaterThan(2 * tus!.completedAtS!);
  });

  it('server restart mid-upload: the new process serves the stored bytes and the client completes', () => {
    const { result, runner } = runHeadless(uploadLab, presetParams('server-restart'), 1);
    expect(runner.recorder.events.some((e) => e.type === 'restart')).toBe(true);
    expect(result.verified).toBe(true);
    expect(result.server.storedBytes).toBe(result.fileBytes);
  });

  it('two tabs, same video, same user: one upload on the server, both tabs end complete', () => {
    const { result, runner } = runHeadless(uploadLab, presetParams('two-tabs'), 3);
    expect(result.tabs.map((t) => t.state)).toEqual(['complete', 'complete']);
    expect(result.tabs[0].uploadUrl).toBe(result.tabs[1].uploadUrl);
    expect(result.server.storedBytes).toBe(result.fileBytes);
    expect(result.server.takeovers).toBeGreaterThan(0);
    // what the story says: tab 2 resumes through the saved URL (no lookup, no POST); each tab's PATCH
    // is cut with 423 by the other tab's HEAD at least once, and both tabs' PATCHes make progress
    const ends = (runner.recorder.events as unknown as UploadSimEvent[]).filter((e): e is Extract<UploadSimEvent, { type: 'request' }> => e.type === 'request' && e.phase === 'end');
    const of = (tab: number, method: string, status: number) => ends.filter((e) => e.tab === tab && e.method === method && e.status === status).length;
    expect(ends.filter((e) => e.tab === 1 && (e.method === 'POST' || (e.method === 'GET' && e.status === 404))).length).toBe(0);
    for (const tab of [0, 1]) {
      expect(of(tab, 'PATCH', 423)).toBeGreaterThan(0);
      expect(of(tab, 'PATCH', 204)).toBeGreaterThan(0);
    }
  });

  it('expired upload: the sweeper deletes it and the client ends in "expired" after a 410', () => {
    const { result } = runHeadless(uploadLab, presetParams('expired-upload'), 1);
    expect(result.tabs[0].state).toBe('expired');
    expect(result.server.expired).toBe(1);
    expect(result.server.rejected['410']).toBeGreaterThan(0);
    expect(result.server.storedBytes).toBe(0);
  });

  it('bad params are reported by field with the allowed range, never crash', () => {
    const v = validate(uploadLab.schema, { 'file.sizeMiB': 1000, 'network.outages': [{ atS: -1, downS: 1 }], 'tabs.count': 1.5 });
    expect(v.ok).toBe(false);
    const text = v.errors.map((e) => e.message).join('\n');
    expect(text).toMatch(/file\.sizeMiB = 1000 is invalid: expected a number from 0.25 to 64 MiB/);
    expect(text).toMatch(/network\.outages is invalid: outage 0: atS/);
    expect(text).toMatch(/tabs\.count/);
  });
});

/** The chunk-size sweep as the view gets it: the lab's companion runs (those of `sizes`), each read as a row. */
function chunkTradeoff(params: UploadParams, seed: number, sizes: number[]) {
  const specs = uploadLab.companions!(params).filter((c) => sizes.includes(c.params['client.chunkMiB']));
  expect(specs.map((c) => c.params['client.chunkMiB'])).toEqual(sizes);
  return specs.map((c) => chunkTradeoffRowOf(c.params, runHeadless(uploadLab, c.params, seed).result));
}

describe('chunk size trade-off', () => {
  it('smaller chunks cost more requests and round trips; tus never wastes more than the bytes in flight', () => {
    const rows = chunkTradeoff({ ...defaults(uploadLab.schema), 'file.sizeMiB': 8, 'network.latencyMs': 100 }, 1, [0.25, 1, 4]);
    expect(rows.map((r) => r.tusRequests)).toEqual([...rows.map((r) => r.tusRequests)].sort((a, b) => b - a));
    expect(rows[0].tusRoundTripSeconds).toBeGreaterThan(rows[2].tusRoundTripSeconds);
    for (const r of rows) expect(r.tusSeconds).not.toBeNull();
    // tus keeps every byte that arrived: a cut loses at most what is in the pipe (bandwidth × latency + one packet)
    const pipe = ((16e6 / 8) * 0.1) + 64 * 1024;
    for (const r of rows) for (const lost of r.tusLostPerOutage) expect(lost).toBeLessThanOrEqual(pipe);
  });
});

describe('buffering proxy in front of the tus server', () => {
  const appendOutcomes = (events: readonly unknown[]) =>
    (events as UploadSimEvent[]).filter((e): e is Extract<UploadSimEvent, { type: 'server' }> => e.type === 'server' && e.kind === 'server.append').map((e) => e.outcome);

  it('a cut never reaches the server as a partial body, so tus loses whole chunks; the upload still completes and verifies', () => {
    const direct = runHeadless(uploadLab, { ...presetParams('buffering-proxy'), 'network.bufferingProxy': false }, 1);
    const proxied = runHeadless(uploadLab, presetParams('buffering-proxy'), 1);
    // without the proxy the server sees cut bodies and keeps them; behind it, never
    expect(appendOutcomes(direct.runner.recorder.events)).toContain('connection-lost');
    expect(appendOutcomes(proxied.runner.recorder.events)).not.toContain('connection-lost');
    expect(proxied.result.verified).toBe(true);
    const lostDirect = direct.result.lanes.tus!.lostPerOutage;
    const lostProxied = proxied.result.lanes.tus!.lostPerOutage;
    expect(lostProxied.length).toBe(lostDirect.length);
    for (let i = 0; i < lostProxied.length; i++) expect(lostProxied[i]).toBeGreaterThan(lostDirect[i]);
    expect(Math.max(...lostProxied)).toBeGreaterThan(1024 * 1024);
  });

  it('the preset’s sweep: lost work grows with the chunk size, round trips shrink, the fastest finish is at 1-2 MiB', () => {
    const preset = uploadLab.presets.find((p) => p.id === 'buffering-proxy')!;
    const rows = chunkTradeoff(presetParams('buffering-proxy'), preset.seed!, [0.25, 0.5, 1, 2, 4, 8, 16]);
    expect(rows[rows.length - 1].tusWastedBytes).toBeGreaterThan(4 * rows[1].tusWastedBytes);
    expect(rows[0].tusRoundTripSeconds).toBeGreaterThan(2 * rows[rows.length - 1].tusRoundTripSeconds);
    const fastest = rows.reduce((a, b) => (b.tusSeconds! < a.tusSeconds! ? b : a));
    expect([1, 2]).toContain(fastest.chunkMiB);
  });
});
