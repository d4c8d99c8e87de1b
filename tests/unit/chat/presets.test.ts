/**
 * Each preset shows what its story (and the lesson) claims, and the paired presets differ only in
 * the knob they compare. Runs are cut short where the claim is already visible.
 */
import { describe, expect, it } from 'vitest';
import { chatLab, type ChatParams, type ChatResult } from '@/simulations/chat';
import { defaults } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';

const preset = (id: string) => {
  const p = chatLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};
const paramsOf = (id: string, overrides: Partial<ChatParams> = {}): ChatParams => ({ ...(defaults(chatLab.schema) as ChatParams), ...preset(id).params, ...overrides });
function runPreset(id: string, untilMs: number, overrides: Partial<ChatParams> = {}): ChatResult {
  const rn = new Runner(chatLab, paramsOf(id, overrides), preset(id).seed ?? 1);
  rn.runTo(untilMs);
  return rn.result() as ChatResult;
}
function differingKeys(a: string, b: string): string[] {
  const pa = paramsOf(a) as Record<string, unknown>;
  const pb = paramsOf(b) as Record<string, unknown>;
  return Object.keys(pa).filter((k) => JSON.stringify(pa[k]) !== JSON.stringify(pb[k])).sort();
}

describe('paired presets compare one thing', () => {
  it('Discord big guild with and without relays differ only in the relays', () => {
    expect(differingKeys('discord-big-guild', 'discord-big-guild-relays')).toEqual(['relayThreshold', 'relays']);
    expect(preset('discord-big-guild').seed).toBe(preset('discord-big-guild-relays').seed);
  });
  it('the restart storm with and without jitter differ only in the backoff policy and its first window', () => {
    expect(differingKeys('restart-storm-no-jitter', 'restart-storm-full-jitter')).toEqual(['reconnect.baseMs', 'reconnect.policy']);
    expect(preset('restart-storm-no-jitter').seed).toBe(preset('restart-storm-full-jitter').seed);
  });
});

describe('presets show what their stories claim', () => {
  it('Discord: one guild process falls behind (latency grows past seconds); 16 relays keep the last member within about 70 ms', () => {
    const single = runPreset('discord-big-guild', 8000);
    const relayed = runPreset('discord-big-guild-relays', 8000);
    expect(single.sends).toBe(relayed.sends);
    expect(single.deliveryLatencyMs.max!).toBeGreaterThan(3000);
    expect(relayed.deliveryLatencyMs.max!).toBeLessThan(100);
    // the same presence traffic: relays change the message path only
    expect(relayed.presenceDeliveries).toBe(single.presenceDeliveries);
  });

  it('restart storm: no jitter needs several attempts per phone and minutes; full jitter one attempt and under two seconds', () => {
    const noJitter = runPreset('restart-storm-no-jitter', 200_000);
    const jitter = runPreset('restart-storm-full-jitter', 30_000);
    expect(noJitter.reconnect.clients).toBe(25_000);
    expect(noJitter.reconnect.attemptsPerClient!).toBeGreaterThan(4);
    expect(noJitter.reconnect.recoverMs!).toBeGreaterThan(120_000);
    expect(jitter.reconnect.clients).toBe(25_000);
    expect(jitter.reconnect.attemptsPerClient!).toBeLessThan(1.05);
    expect(jitter.reconnect.recoverMs!).toBeLessThan(2000);
  });

  it('presence is quadratic: every change reaches the other 1,999 members; half the group gives a quarter of the traffic', () => {
    const full = runPreset('presence-is-quadratic', 20_000);
    const half = runPreset('presence-is-quadratic', 20_000, { users: 1000, 'groupSize.median': 1000, 'groupSize.p99': 1000, 'groupSize.max': 1000 });
    expect(full.presenceDeliveries).toBe(full.presenceChanges * 1999);
    const ratio = half.presenceDeliveries / full.presenceDeliveries;
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.3);
  });

  it('C10K: four thread-per-connection gateways with 1,024 descriptors hold 4,096 of 10,000 phones; an event loop with a raised fd limit holds all', () => {
    const wall = runPreset('c10k-thread-per-connection', 20_000);
    expect(wall.connectedDevices).toBe(4096);
    expect(wall.maxConnectionsPerGateway).toBe(1024);
    expect(wall.gatewaysNeeded).toBe(10);
    const fixed = runPreset('c10k-thread-per-connection', 20_000, { serverModel: 'event-loop', fdLimit: 1_048_576 });
    expect(fixed.connectedDevices).toBe(10_000);
    expect(fixed.gatewaysNeeded).toBe(1);
  });

  it('Slack: a channel server sends one copy per gateway (at most G per message), and receipts are cursors', () => {
    const r = runPreset('slack-channels', 15_000);
    const perMessage = runPreset('slack-channels', 15_000, { receipts: 'per-message' });
    expect(r.gatewaysTouchedMean!).toBeGreaterThan(1);
    expect(r.gatewaysTouchedMean!).toBeLessThanOrEqual(8);
    expect(r.realtimeWrites / r.sends).toBeGreaterThan(8); // sockets written per message ≫ copies sent to gateways
    // a cursor covers a burst; Slack channels are quiet, so most bursts are a single message
    expect(r.receipts).toBeLessThan(perMessage.receipts);
  });
});
