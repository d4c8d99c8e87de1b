/**
 * The e2ee lab as a run: deterministic from the seed; every preset within its work budget and telling
 * the truth; the server never holds plaintext; the thief's readable set is what Bob's stolen key
 * state really opens (cross-checked against the skipped keys it stored); safety numbers catch the
 * malicious server; each device is its own ratchet.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { e2eeLab, type E2eeParams } from '@/simulations/e2ee';
import type { E2eeModel } from '@/simulations/e2ee/lab/model';
import { toHex, utf8 } from '@/simulations/e2ee/crypto/bytes';
import { DEFAULT_SEED } from '@/components/lab-shell/link';
import { compromiseTimeMs } from '@/simulations/e2ee/conversation/timeline';

const base = defaults(e2eeLab.schema) as E2eeParams;
const preset = (id: string) => {
  const p = e2eeLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

function run(params: Partial<E2eeParams>, seed = DEFAULT_SEED) {
  const runner = new Runner(e2eeLab, { ...base, ...params }, seed);
  runner.runToEnd();
  const view = viewOf(e2eeLab, runner);
  return { runner, result: view.result(), frame: view.frame(), model: runner.model as E2eeModel, events: view.recorder.events };
}
const runPreset = (id: string) => run(preset(id).params, preset(id).seed ?? DEFAULT_SEED);

describe('e2ee lab: determinism and budget', () => {
  it('the same seed gives the same event log (keys included); another seed another', () => {
    const a = run({ messages: 8, lossProbability: 0.2, reorderProbability: 0.2 }, 11);
    const b = run({ messages: 8, lossProbability: 0.2, reorderProbability: 0.2 }, 11);
    const c = run({ messages: 8, lossProbability: 0.2, reorderProbability: 0.2 }, 12);
    expect(JSON.stringify(b.runner.recorder.events)).toBe(JSON.stringify(a.runner.recorder.events));
    expect(JSON.stringify(b.frame)).toBe(JSON.stringify(a.frame));
    expect(JSON.stringify(c.runner.recorder.events)).not.toBe(JSON.stringify(a.runner.recorder.events));
  });

  it.each(e2eeLab.presets.map((p) => [p.id] as const))('preset %s: within budget, the estimate bounds the events, it finishes by its horizon, captions read well', (id) => {
    const params = { ...base, ...preset(id).params };
    expect(paramProblems(e2eeLab, params)).toEqual([]);
    const { runner, events } = runPreset(id);
    const estimate = e2eeLab.budget!.estimate(params);
    expect(runner.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
    const view = viewOf(e2eeLab, runner);
    const recorded = events.reduce((n, e) => n + JSON.stringify(e).length, 0) + view.recorder.seriesNames().reduce((n, name) => n + view.recorder.series(name).length * 40, 0);
    expect(recorded + JSON.stringify(view.frame()).length).toBeLessThanOrEqual(estimate.bytes);
    expect(runner.finished || runner.now >= runner.horizonMs).toBe(true);
    expect(e2eeLab.isFinished!(runner.model as E2eeModel)).toBe(true);
    for (const e of events) {
      const caption = e2eeLab.caption!(e);
      if (caption !== null) expect(caption).not.toMatch(/\b(null|undefined|NaN)\b/);
    }
  });

  it('refuses a theft after a message that is never sent', () => {
    expect(paramProblems(e2eeLab, { ...base, messages: 5, compromiseAfter: 6 })[0]).toMatchObject({ field: 'compromiseAfter' });
  });
});

describe('e2ee lab: what the server sees', () => {
  it.each(['first-conversation', 'lost-and-late', 'multi-device', 'steal-bobs-phone'])('%s: no message text, nor its bytes in hex, anywhere in the server pane', (id) => {
    const { frame } = runPreset(id);
    const pane = JSON.stringify(frame.server).toLowerCase();
    expect(frame.messages.length).toBeGreaterThan(0);
    for (const m of frame.messages) {
      expect(pane).not.toContain(m.text.toLowerCase());
      expect(pane).not.toContain(toHex(utf8(m.text)).slice(0, 16));
      for (const word of m.text.split(' ').filter((w) => w.length >= 5)) expect(pane).not.toContain(word);
    }
    expect(frame.server.filter((e) => e.kind === 'relay').every((e) => /^[0-9a-f]+$/.test(e.ciphertextHex))).toBe(true);
  });

  it('each message costs its text + 16 (AES-GCM tag) + 40 (ratchet header) bytes, + 104 while the X3DH header rides along', () => {
    const { frame } = runPreset('first-conversation');
    for (const m of frame.messages) expect(m.bytes).toBe(utf8(m.text).length + 16 + 40 + (m.carriesX3dh ? 104 : 0));
    expect(frame.messages.filter((m) => m.carriesX3dh).map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});

describe('e2ee lab: X3DH and the ratchet in the run', () => {
  it('with a one-time prekey: 4 DH outputs, without: 3; both phones derive the same SK either way', () => {
    expect(runPreset('first-conversation').result.x3dh).toEqual({ dhOperations: 4, usedOneTimePrekey: true, bothSidesAgree: true });
    expect(runPreset('no-one-time-prekey').result.x3dh).toEqual({ dhOperations: 3, usedOneTimePrekey: false, bothSidesAgree: true });
  });

  it('one DH ratchet step per change of direction (and Bob’s first receive)', () => {
    const { result, frame } = run({ messages: 12, turnLength: 3, groupMessages: 0 });
    expect(result.dhRatchetSteps).toBe(4);
    expect(frame.messages.filter((m) => m.dhStep).map((m) => m.seq)).toEqual([1, 4, 7, 10]);
    expect(new Set(frame.messages.map((m) => m.messageKey)).size).toBe(12);
  });

  it('lost and late messages: later ones decrypt, late ones open with stored keys, none is refused', () => {
    const { result, frame } = runPreset('lost-and-late');
    expect(result.messages.lost).toBeGreaterThan(0);
    expect(result.messages.delayed).toBeGreaterThan(0);
    expect(result.messages.openedWithSkippedKey).toBeGreaterThan(0);
    expect(result.messages.rejected).toBe(0);
    expect(frame.messages.filter((m) => m.fate !== 'lost').every((m) => m.status === 'delivered')).toBe(true);
  });

  it('beyond MAX_SKIP: messages too far ahead are refused cleanly with the reason, and the conversation goes on', () => {
    const { result, events, frame } = runPreset('beyond-max-skip');
    const rejects = events.filter((e) => e.type === 'reject');
    expect(rejects.length).toBeGreaterThan(0);
    expect(rejects.every((e) => e.type === 'reject' && e.reason === 'too-many-skipped')).toBe(true);
    expect(result.messages.rejected).toBe(rejects.length);
    const lastRejected = Math.max(...frame.messages.filter((m) => m.status === 'rejected').map((m) => m.seq));
    expect(frame.messages.some((m) => m.seq > lastRejected && m.status === 'delivered')).toBe(true);
  });

  it('multi-device: every message is encrypted once per other device, each over its own session', () => {
    const { frame, model } = runPreset('multi-device');
    const relays = model.conversation.server.filter((e) => e.kind === 'relay');
    expect(relays.length).toBe(frame.messages.length * 3);
    const alice1 = model.conversation.devices.get('alice:1')!;
    expect([...alice1.sessions.keys()].sort()).toEqual(['alice:2', 'bob:1', 'bob:2']);
    const roots = [...alice1.sessions.values()].map((s) => toHex(s.state.rootKey));
    expect(new Set(roots).size).toBe(3);
  });
});

describe('e2ee lab: attacks', () => {
  it('steal Bob’s phone after message 7: past messages stay closed, the rest open until the next round trip heals it', () => {
    const { result } = runPreset('steal-bobs-phone');
    // turns of 3: 1–3 A, 4–6 B, 7–9 A, 10–12 B, 13–15 A, 16–18 B
    expect(result.compromise).toEqual({ afterMessage: 7, readable: [8, 9, 10, 11, 12, 13, 14, 15], unreadable: [1, 2, 3, 4, 5, 6, 7, 16, 17, 18] });
    expect(result.stolenPhoneOpens).toEqual({ before: 0, after: 8 });
  });

  it('stolenPhoneOpens counts the opened messages on each side of the theft, and is null without one (the lessons predict it)', () => {
    expect(runPreset('first-conversation').result.stolenPhoneOpens).toEqual({ before: null, after: null });
    const { result } = runPreset('steal-with-late-messages');
    const k = result.compromise!.afterMessage;
    expect(result.stolenPhoneOpens).toEqual({
      before: result.compromise!.readable.filter((seq) => seq <= k).length,
      after: result.compromise!.readable.filter((seq) => seq > k).length,
    });
    expect(result.stolenPhoneOpens.before).toBeGreaterThan(0);
  });

  it('the past messages the thief reads are exactly those Bob’s phone could still open at the theft (stored skipped keys, or not yet arrived)', () => {
    const p = preset('steal-with-late-messages');
    const k = p.params.compromiseAfter!;
    const runner = new Runner(e2eeLab, { ...base, ...p.params }, p.seed ?? DEFAULT_SEED);
    runner.runTo(compromiseTimeMs(k) - 1);
    const bobSession = (runner.model as E2eeModel).conversation.devices.get('bob:1')!.sessions.get('alice:1')!;
    const stored = new Set(bobSession.state.skipped.keys());
    const remote = toHex(bobSession.state.dhRemote!);
    const received = bobSession.state.received;
    runner.runToEnd();
    const model = runner.model as E2eeModel;
    const expected = model.conversation.recorded
      .filter((e) => e.seq <= k && e.to === 'bob:1')
      .filter((e) => stored.has(`${toHex(e.header.dh)}:${e.header.n}`) || (toHex(e.header.dh) === remote && e.header.n >= received))
      .map((e) => e.seq);
    const readPast = viewOf(e2eeLab, runner).result().compromise!.readable.filter((seq) => seq <= k);
    expect(stored.size).toBeGreaterThan(0);
    expect(readPast.length).toBeGreaterThan(0);
    expect(readPast).toEqual(expected);
  });

  it('honest server: the safety numbers match; malicious server: it reads every message, both phones still decrypt, and the numbers differ', () => {
    expect(runPreset('first-conversation').frame.safety?.match).toBe(true);
    const { frame, result } = runPreset('malicious-server');
    expect(result.maliciousServer).toEqual({ messagesRead: 6, safetyNumbersMatch: false });
    expect(result.messages.delivered).toBe(6);
    expect(frame.safety!.alice).toMatch(/^\d{60}$/);
    expect(frame.safety!.alice).not.toBe(frame.safety!.bob);
  });
});

describe('e2ee lab: groups', () => {
  it('Sender Keys: 1 upload per message; pairwise: n − 1; a leave re-keys (n − 1)(n − 2) vs 0', () => {
    const sk = runPreset('group-sender-keys').result.group!;
    expect(sk.uploadsPerMessage).toEqual([1, 1, 1, 1, 1, 1]);
    expect(sk.distributionMessages).toBe(8 * 7);
    expect(sk.leave).toEqual({ member: 'heidi', rekeyPairwiseMessages: 7 * 6, leaverCanRead: false });
    const pw = runPreset('group-pairwise').result.group!;
    expect(pw.uploadsPerMessage).toEqual([7, 7, 7, 6, 6, 6]);
    expect(pw.leave?.rekeyPairwiseMessages).toBe(0);
  });
});
