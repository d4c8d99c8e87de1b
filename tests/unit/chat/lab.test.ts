/**
 * The lab contract: schema validation with messages naming the key, presets, registration, the
 * headless CLI, and the example XState machines on virtual time.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { chatLab, crossCheck, type ChatParams } from '@/simulations/chat';
import { clientConnectionMachine } from '@/simulations/chat/machines/clientConnection';
import { gatewayLifecycleMachine } from '@/simulations/chat/machines/gatewayLifecycle';
import { firstAttemptDelay, retryDelay } from '@/simulations/chat/core';
import { findLab } from '@/simulations/registry';
import { defaults, validate } from '@/simulations/core/params';
import { RandomStream, Scheduler, VirtualClock, type CliIO } from '@/simulations/core';
import { Runner } from '@/simulations/core/runner';

function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return files[p];
    },
    readDir: () => [],
    isDirectory: () => false,
    progress: () => {},
  };
  return { io, out, err };
}

describe('chat lab definition', () => {
  it('is registered with id chat and topic "Chat systems"; presets are kebab-case, valid and run', () => {
    expect(findLab('chat')).toBe(chatLab);
    expect(chatLab.topic).toBe('Chat systems');
    const ids = chatLab.presets.map((p) => p.id);
    for (const id of ['whatsapp-2012', 'slack-channels', 'discord-big-guild', 'discord-big-guild-relays', 'restart-storm-no-jitter', 'restart-storm-full-jitter', 'presence-is-quadratic', 'c10k-thread-per-connection']) {
      expect(ids).toContain(id);
    }
    for (const preset of chatLab.presets) {
      expect(preset.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const v = validate(chatLab.schema, { ...defaults(chatLab.schema), ...preset.params } as Record<string, unknown>);
      expect(v.errors).toEqual([]);
      expect(crossCheck(v.params as ChatParams)).toEqual([]);
      const p = v.params as ChatParams;
      expect(p.users * p.devicesPerUser).toBeLessThanOrEqual(100_000 * 1.5);
      const rn = new Runner(chatLab, p, preset.seed ?? 1);
      rn.runTo(3000);
      expect(rn.recorder.series('connectedDevices').length).toBeGreaterThan(0);
    }
  });

  it('sanity calibration: the WhatsApp 2012 preset makes ≈1.57 deliveries per sent message (11B out / 7B in, ±10%)', () => {
    const preset = chatLab.presets.find((p) => p.id === 'whatsapp-2012')!;
    const p = { ...(defaults(chatLab.schema) as ChatParams), ...preset.params, users: 20_000, durationMs: 30_000 };
    const rn = new Runner(chatLab, p, 2012);
    rn.runToEnd();
    const r = rn.result() as { realtimeWrites: number; offlineEnqueues: number; sends: number; maxConnectionsPerGateway: number };
    expect(Math.abs((r.realtimeWrites + r.offlineEnqueues) / r.sends - 11 / 7) / (11 / 7)).toBeLessThan(0.1);
    expect(r.maxConnectionsPerGateway).toBe(2_700_000);
  });

  it('validation names the offending key and range; cross-field checks name their key', () => {
    const v = validate(chatLab.schema, { 'presence.d': -5, serverModel: 'fork-per-connection' });
    expect(v.ok).toBe(false);
    expect(v.errors.map((e) => e.field).sort()).toEqual(['presence.d', 'serverModel']);
    expect(v.errors.find((e) => e.field === 'presence.d')!.message).toMatch(/presence\.d = -5 is invalid/);
    const bad = validate(chatLab.schema, { faults: [{ atMs: 1, type: 'meteor', gateway: 0 }] });
    expect(bad.errors[0].message).toMatch(/faults\[0\]\.type must be one of/);
    const p = { ...(defaults(chatLab.schema) as ChatParams), 'groupSize.p99': 3, 'groupSize.median': 6, faults: [{ atMs: 0, type: 'drain' as const, gateway: 9 }] };
    expect(crossCheck(p).map((e) => e.field)).toEqual(['groupSize.p99', 'faults']);
    const flapping = crossCheck({ ...(defaults(chatLab.schema) as ChatParams), heartbeatMs: 41_000, 'presence.d': 30_000 });
    expect(flapping.map((e) => e.field)).toEqual(['presence.d']);
    expect(flapping[0].message).toMatch(/presence\.d = 30000 is invalid: must be 0 \(the heartbeat interval\) or >= heartbeatMs \(41000\)/);
    expect(crossCheck({ ...(defaults(chatLab.schema) as ChatParams), heartbeatMs: 41_000 })).toEqual([]);
    // valid one by one, too big together: refused before anything is allocated
    const huge = crossCheck({ ...(defaults(chatLab.schema) as ChatParams), users: 5_000_000, groupsPerUser: 50 });
    expect(huge.map((e) => e.field)).toEqual(['groupsPerUser']);
    expect(huge[0].message).toMatch(/users × groupsPerUser = 250,000,000 group memberships, at most 30,000,000/);
  });
});

describe('chat CLI', () => {
  it('runs a nested scenario file and prints the --json fields', async () => {
    const scenario = {
      users: 2000,
      devicesPerUser: 1.3,
      onlineFraction: 0.6,
      gateways: 3,
      serverModel: 'event-loop',
      memoryPerConnectionKB: 16,
      gatewayRamGB: 8,
      fdLimit: 100000,
      acceptRatePerSec: 2000,
      backlog: 512,
      heartbeatMs: 25000,
      presence: { d: 25000, epsilon: 5000, strategy: 'foreground-only' },
      sendsPerUserPerMin: 2,
      groupShare: 0.3,
      groupSize: { median: 6, p99: 100, max: 500 },
      fanout: 'hybrid',
      fanoutThreshold: 50,
      receipts: 'cursor',
      reconnect: { policy: 'full-jitter', baseMs: 1000, capMs: 30000 },
      durationMs: 20000,
      faults: [{ atMs: 5000, type: 'gateway-crash', gateway: 1, durationMs: 5000 }],
    };
    const { io, out, err } = fakeIO({ 's.json': JSON.stringify(scenario) });
    const code = await chatLab.cli!.run(['--config', 's.json', '--seed', '7', '--json'], io);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out.join(''));
    for (const key of ['sends', 'socketWrites', 'offlineEnqueues', 'pushes', 'receipts', 'heartbeats', 'presenceDeliveries', 'gatewaysTouchedMean', 'gatewaysNeeded', 'memoryPerGatewayMB', 'maxConnectionsPerGateway', 'offlineBacklog']) {
      expect(typeof r[key]).toBe('number');
    }
    expect(Object.keys(r.deliveryLatencyMs)).toEqual(['p50', 'p99', 'max']);
    expect(r.reconnect).toMatchObject({ attemptsPerClient: expect.any(Number), peakAttemptsPerSec: expect.any(Number) });
    expect(r.reconnect.recoverMs === null || typeof r.reconnect.recoverMs === 'number').toBe(true);
    expect(r.reconnect.clients).toBeGreaterThan(0);
    // same seed, same output
    const again = fakeIO({ 's.json': JSON.stringify(scenario) });
    await chatLab.cli!.run(['--config', 's.json', '--seed', '7', '--json'], again.io);
    expect(again.out.join('')).toBe(out.join(''));
  });

  it('bad config exits with code 2 and names the key', async () => {
    const cases: [unknown, RegExp][] = [
      [{ users: 'many' }, /users/],
      [{ presence: { strategy: 'gossip' } }, /presence\.strategy/],
      [{ groupSize: { median: 10, p99: 5 } }, /groupSize\.p99/],
      [{ reconnect: { policy: 'yolo' } }, /reconnect\.policy/],
      [{ faults: [{ atMs: 0, type: 'gateway-crash', gateway: 12 }] }, /faults/],
      [{ colour: 'blue' }, /colour/],
    ];
    for (const [cfg, pattern] of cases) {
      const { io, err } = fakeIO({ 'c.json': JSON.stringify(cfg) });
      expect(await chatLab.cli!.run(['--config', 'c.json'], io)).toBe(2);
      expect(err.join('')).toMatch(pattern);
    }
    const missing = fakeIO({});
    expect(await chatLab.cli!.run(['--config', 'nope.json'], missing.io)).toBe(2);
    const broken = fakeIO({ 'b.json': '{ users: ' });
    expect(await chatLab.cli!.run(['--config', 'b.json'], broken.io)).toBe(2);
    expect(await chatLab.cli!.run(['--seed', '-1'], fakeIO({}).io)).toBe(2);
  });
});

describe('XState machines on virtual time', () => {
  it('client connection: retries follow the backoff rules, a missing heartbeat ack drops the connection', () => {
    const scheduler = new Scheduler();
    const clock = new VirtualClock(scheduler);
    const backoff = { policy: 'full-jitter' as const, baseMs: 1000, capMs: 30_000 };
    const rMachine = new RandomStream(5, 'client');
    const rCheck = new RandomStream(5, 'client');
    const attempts: number[] = [];
    let rejectLeft = 3;
    let acking = true;
    const heartbeats: { at: number; acked: boolean }[] = [];
    const machine = clientConnectionMachine.provide({
      actions: {
        openSocket: () => {
          attempts.push(scheduler.now);
          scheduler.after(0, () => actor.send({ type: rejectLeft-- > 0 ? 'REJECTED' : 'ACCEPTED' }));
        },
        sendHeartbeat: () => {
          heartbeats.push({ at: scheduler.now, acked: acking });
          if (acking) scheduler.after(10, () => actor.send({ type: 'HEARTBEAT_ACK' }));
        },
      },
    });
    const actor = createActor(machine, { clock, input: { backoff, heartbeatMs: 30_000, pingTimeoutMs: 20_000, random: () => rMachine.next() } });
    actor.start();
    actor.send({ type: 'LOGIN' });
    scheduler.runUntil(100_000);
    expect(actor.getSnapshot().matches('online')).toBe(true);
    // attempt times: t0, then three retries after retryDelay(0..2)
    const u = () => rCheck.next();
    let t = 0;
    const expected = [0];
    for (let n = 0; n < 3; n++) expected.push((t += retryDelay(backoff, n, 0, u)));
    expect(attempts).toEqual(expected);
    // the network goes silent: the next heartbeat is not acknowledged, the client gives up
    // pingTimeout later and reconnects after its first-attempt delay
    acking = false;
    scheduler.runUntil(scheduler.now + 30_000 + 20_000 + 1000 + 1);
    const unanswered = heartbeats.filter((h) => !h.acked)[0];
    expect(unanswered).toBeDefined();
    expect(attempts.length).toBe(5);
    expect(attempts[4]).toBeCloseTo(unanswered.at + 20_000 + firstAttemptDelay(backoff, u), 9);
    expect(actor.getSnapshot().matches('online')).toBe(true);
  });

  it('gateway lifecycle: crash → down for durationMs → up; a crash without duration stays down; drain → up', () => {
    const scheduler = new Scheduler();
    const clock = new VirtualClock(scheduler);
    const log: string[] = [];
    const machine = gatewayLifecycleMachine.provide({
      actions: {
        crashed: () => log.push(`crash@${scheduler.now}`),
        restarted: () => log.push(`up@${scheduler.now}`),
        drainStarted: () => log.push(`drain@${scheduler.now}`),
        drainFinished: () => log.push(`drained@${scheduler.now}`),
      },
    });
    const a = createActor(machine, { clock, input: { gateway: 0 } }).start();
    scheduler.at(1000, () => a.send({ type: 'CRASH', durationMs: 5000 }));
    scheduler.at(10_000, () => a.send({ type: 'DRAIN', durationMs: 3000 }));
    scheduler.at(20_000, () => a.send({ type: 'CRASH' }));
    scheduler.runUntil(100_000);
    expect(log).toEqual(['crash@1000', 'up@6000', 'drain@10000', 'drained@13000', 'crash@20000']);
    expect(a.getSnapshot().value).toBe('dead');
  });
});
