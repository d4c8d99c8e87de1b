/**
 * Fault buttons go through the `faults` param: append at the current time, re-create and replay to
 * now. The replayed run is the same as before up to now, the fault acts at now, and a share link
 * reopens exactly that state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFault, faultsAllowed } from '@/components/labs/chat/parts/faults';
import { describeFault } from '@/components/labs/chat/viewModel';
import { runKeepingTime } from '../../lab-shell/keepTimeRun';
import { runForPreset, runFromQuery, shareQuery } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { validate } from '@/simulations/core/params';
import { chatLab, checkFaults, type ChatModel, type Fault } from '@/simulations/chat';

describe('appendFault', () => {
  it('appends at now rounded up to a whole ms, keeps earlier faults, and passes the schema check', () => {
    const before: Fault[] = [{ atMs: 5000, type: 'gateway-crash', gateway: 0 }];
    const r = appendFault(before, { type: 'partition', gateway: 2, durationMs: 15_000 }, 12_345.2, 4);
    expect(r).toEqual({ ok: true, fault: { atMs: 12_346, type: 'partition', gateway: 2, durationMs: 15_000 }, faults: [...before, { atMs: 12_346, type: 'partition', gateway: 2, durationMs: 15_000 }] });
    expect(before).toHaveLength(1);
    const forever = appendFault([], { type: 'gateway-crash', gateway: 0 }, 0, 1);
    expect(forever.ok && 'durationMs' in forever.fault).toBe(false);
  });

  it('refuses a gateway that does not exist and a bad time, naming them', () => {
    expect(appendFault([], { type: 'drain', gateway: 4 }, 10, 4)).toEqual({ ok: false, message: 'gateway 4 does not exist: gateways are numbered 0 to 3' });
    const bad = appendFault([], { type: 'drain', gateway: 0 }, Number.NaN, 4);
    expect(bad.ok).toBe(false);
    const negative = appendFault([], { type: 'drain', gateway: 0, durationMs: -1 }, 10, 4);
    expect(negative).toEqual({ ok: false, message: 'faults[0].durationMs must be a number >= 0' });
  });

  it('property: whatever is appended is a valid faults param for the lab schema', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom('gateway-crash' as const, 'drain' as const, 'partition' as const), gateway: fc.integer({ min: 0, max: 7 }), now: fc.double({ min: 0, max: 1e6, noNaN: true }), durationMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }) }), { maxLength: 8 }),
        (requests) => {
          let faults: Fault[] = [];
          for (const q of requests) {
            const r = appendFault(faults, q, q.now, 8);
            expect(r.ok).toBe(true);
            if (r.ok) faults = r.faults;
          }
          expect(checkFaults(faults)).toBeNull();
          expect(validate(chatLab.schema, { gateways: 8, faults }).errors).toEqual([]);
          expect(faults.every((f) => Number.isInteger(f.atMs))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('buttons follow the gateway lifecycle: a down gateway cannot be drained or partitioned again', () => {
    expect(faultsAllowed('up')).toEqual({ 'gateway-crash': true, drain: true, partition: true });
    expect(faultsAllowed('down')).toEqual({ 'gateway-crash': false, drain: false, partition: false });
    expect(faultsAllowed('dead')).toEqual({ 'gateway-crash': false, drain: false, partition: false });
    expect(faultsAllowed('partitioned')).toEqual({ 'gateway-crash': true, drain: false, partition: false });
    expect(faultsAllowed('draining')).toEqual({ 'gateway-crash': true, drain: false, partition: false });
    expect(describeFault({ atMs: 12_500, type: 'gateway-crash', gateway: 1, durationMs: 30_000 })).toBe('12.5 s: crash gateway 1, back after 30 s');
    expect(describeFault({ atMs: 4000, type: 'partition', gateway: 0 })).toBe('4 s: partition gateway 0, for the rest of the run');
    expect(describeFault({ atMs: 0, type: 'drain', gateway: 2 })).toBe('0 s: drain gateway 2 over 30 s');
  });
});

describe('a fault injected at the current time', () => {
  it('replays the same run up to now, crashes the gateway at now, and the share link reproduces it', () => {
    const { run } = runForPreset(chatLab, 'whatsapp-2012');
    const params: Record<string, unknown> = { ...run.params, users: 4000, gateways: 3 };
    const before = new Runner(chatLab, params as never, run.seed);
    before.runTo(8_000.5);
    const connectedBefore = (before.model as ChatModel).metrics.connectedDevices;
    const attemptsBefore = (before.model as ChatModel).metrics.attempts;

    const added = appendFault(params.faults as Fault[], { type: 'gateway-crash', gateway: 1, durationMs: 20_000 }, before.now, 3);
    if (!added.ok) throw new Error(added.message);
    const after = runKeepingTime(chatLab, { ...params, faults: added.faults }, before.seed, before);
    const model = after.model as ChatModel;
    expect(after.now).toBe(8_001);
    expect(model.gatewayState(1)).toBe('down');
    expect(model.gateways.gws[1].conns).toBe(0);
    // the past is the same run: the samples before the fault are identical
    const sampleBefore = before.recorder.series('connectedDevices').filter((p) => p.t < 8_001);
    expect(after.recorder.series('connectedDevices').filter((p) => p.t < 8_001)).toEqual(sampleBefore);
    expect(model.metrics.connectedDevices).toBeLessThan(connectedBefore);

    after.runTo(12_000);
    expect(model.metrics.attempts).toBeGreaterThan(attemptsBefore + 500);

    const link = shareQuery(chatLab, { params: after.params, seed: after.seed, timeMs: after.now, preset: 'whatsapp-2012' });
    const decoded = runFromQuery(chatLab, link);
    expect(decoded.errors).toEqual([]);
    const reopened = new Runner(chatLab, decoded.params as never, decoded.seed);
    reopened.scrubTo(decoded.timeMs!);
    expect(reopened.now).toBe(after.now);
    expect(reopened.recorder.events).toEqual(after.recorder.events);
    expect((reopened.model as ChatModel).metrics.attempts).toBe(model.metrics.attempts);
    expect(reopened.result()).toEqual(after.result());
  });
});
