/**
 * Work budgets of the Kafka and chat labs: the estimate bounds what a run really does (scheduler
 * events executed; bytes held, measured by walking the model and recorder, see heldBytes.ts), every
 * preset fits, and the issue's killers are refused by both labs' own CLIs with exit 2 and a message
 * naming the params.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import type { AnyLab, CliIO } from '@/simulations/core/lab';
import { kafkaLab } from '@/simulations/kafka';
import { chatLab } from '@/simulations/chat';
import { Rng } from '@/simulations/core/rng';
import { heldBytes } from './heldBytes';

function check(lab: AnyLab, params: Record<string, unknown>, seed: number) {
  const est = lab.budget!.estimate(params);
  const r = new Runner(lab, params, seed);
  r.runToEnd();
  expect(est.events).toBeGreaterThanOrEqual(r.ctx.scheduler.executed);
  if (lab.id === chatLab.id) {
    // chat's units include the per-message work it does as arithmetic, not events
    const res = r.result() as { socketWrites: number; presenceDeliveries: number; heartbeats: number };
    expect(est.events).toBeGreaterThanOrEqual(r.ctx.scheduler.executed + res.socketWrites + res.presenceDeliveries + res.heartbeats);
  }
  expect(est.bytes).toBeGreaterThanOrEqual(heldBytes(r.model, r.recorder));
  expect(est.drivers.length).toBeGreaterThan(0);
}

function io() {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: () => {
      throw new Error('no files');
    },
    readDir: () => [],
    isDirectory: () => false,
    progress: () => {},
  };
  return { out, cli };
}

for (const lab of [kafkaLab, chatLab] as AnyLab[]) {
  describe(`${lab.id} work budget`, () => {
    it('declares a budget', () => expect(lab.budget).toBeDefined());
    for (const preset of [{ id: 'defaults', params: {}, seed: 1 }, ...lab.presets]) {
      it(`bounds preset ${preset.id} and lets it run`, () => {
        const params = { ...defaults(lab.schema), ...preset.params };
        expect(paramProblems(lab, params)).toEqual([]);
        check(lab, params, preset.seed ?? 1);
      }, 60_000);
    }
  });
}

describe('bounded random params', () => {
  it('kafka: the estimate bounds every run', () => {
    const rng = new Rng(11).stream('params');
    for (let i = 0; i < 6; i++) {
      const params = {
        ...defaults(kafkaLab.schema),
        'workload.recordsPerSecond': Math.round(10 + rng.next() * 20_000),
        'workload.recordBytes': 1 + Math.floor(rng.next() * 4000),
        'workload.durationMs': 1000 + Math.floor(rng.next() * 9000),
        'topic.partitions': 1 + Math.floor(rng.next() * 12),
        'producer.lingerMs': Math.floor(rng.next() * 20) - 1,
        'producer.batchSize': Math.floor(rng.next() * 65_536),
        'producer.acks': (['all', '1', '0'] as const)[Math.floor(rng.next() * 3)],
        faults: rng.next() < 0.5 ? [{ atMs: 500, type: 'crash', role: 'leader', durationMs: 3000 }] : [],
      };
      check(kafkaLab, params, 1 + i);
    }
  }, 120_000);
  it('chat: the estimate bounds every run', () => {
    const rng = new Rng(12).stream('params');
    for (let i = 0; i < 6; i++) {
      const params = {
        ...defaults(chatLab.schema),
        users: 100 + Math.floor(rng.next() * 20_000),
        devicesPerUser: 1 + rng.next() * 2,
        sendsPerUserPerMin: rng.next() * 5,
        groupsPerUser: 0.5 + rng.next() * 5,
        gateways: 1 + Math.floor(rng.next() * 8),
        durationMs: 5_000 + Math.floor(rng.next() * 60_000),
        'session.meanMs': rng.next() < 0.5 ? 20_000 : 0,
        faults: rng.next() < 0.5 ? [{ atMs: 3_000, type: 'gateway-crash', gateway: 0, durationMs: 5_000 }] : [],
      };
      check(chatLab, params, 1 + i);
    }
    // and at scale, where the per-user arrays dominate
    check(chatLab, { ...defaults(chatLab.schema), users: 200_000, devicesPerUser: 2.5, durationMs: 20_000 }, 1);
  }, 120_000);
});

describe("the issue's killers are refused by the labs' own CLIs (exit 2, naming the params)", () => {
  it('kafka at 5 M records/s for 600 s of 1-byte records', async () => {
    const { out, cli } = io();
    const code = await kafkaLab.cli!.run(['--set', 'workload.recordsPerSecond=5000000', '--set', 'workload.durationMs=600000', '--set', 'workload.recordBytes=1'], cli);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/too big/);
    expect(out.stderr).toMatch(/workload\.recordsPerSecond/);
    expect(out.stdout).toBe('');
  });
  it('chat with 5,000,000 users', async () => {
    const { out, cli } = io();
    const code = await chatLab.cli!.run(['--set', 'users=5000000'], cli);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/too big/);
    expect(out.stderr).toMatch(/users/);
    expect(out.stdout).toBe('');
  });
});
