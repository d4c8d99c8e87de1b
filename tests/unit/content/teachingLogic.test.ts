import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choiceForValue, formatMeasured, gradeChoice, gradeNumber, predictChoiceProblems } from '../../../components/lesson/predictLogic';
import { describeCheck, meetsCheck, readResultField, resultFieldPaths } from '../../../components/lesson/resultFields';
import { presetResult } from '../../../components/lab-shell/run-host/runService';
import { RunService } from '../../../components/lab-shell/run-host/runService';
import { loadLabDefinition } from '../../../simulations/labLoaders';
import { Runner } from '../../../simulations/core/runner';
import { runForPreset } from '../../../components/lab-shell/link';
import type { RunReply } from '../../../components/lab-shell/run-host/protocol';

describe('result fields', () => {
  const doc = { a: 1, b: { c: null, d: true, e: 'text' }, list: [{ x: 2 }, { x: 3 }], long: Array.from({ length: 20 }, (_, i) => i) };

  it('lists the number, boolean and null leaves by dotted path, skipping text and long lists', () => {
    expect(resultFieldPaths(doc)).toEqual(['a', 'b.c', 'b.d', 'list.0.x', 'list.1.x']);
  });

  it('reads a leaf by path, and nothing for text, objects or missing keys', () => {
    expect(readResultField(doc, 'list.1.x')).toBe(3);
    expect(readResultField(doc, 'b.c')).toBeNull();
    expect(readResultField(doc, 'b.e')).toBeUndefined();
    expect(readResultField(doc, 'b')).toBeUndefined();
    expect(readResultField(doc, 'constructor')).toBeUndefined();
    expect(readResultField(doc, 'a.b.c')).toBeUndefined();
  });

  it('evaluates checks; an unmeasured field never meets one', () => {
    expect(meetsCheck({ lost: 3 }, { field: 'lost', op: '>', value: 0 })).toEqual({ met: true, actual: 3 });
    expect(meetsCheck({ lost: 0 }, { field: 'lost', op: '>', value: 0 }).met).toBe(false);
    expect(meetsCheck({ w: 0.9 }, { field: 'w', op: '<=', value: 1 }).met).toBe(true);
    expect(meetsCheck({ w: null }, { field: 'w', op: '<', value: 1 }).met).toBe(false);
    expect(meetsCheck({ ok: true }, { field: 'ok', op: '==', value: true }).met).toBe(true);
    expect(meetsCheck({ ok: true }, { field: 'ok', op: '<', value: 1 }).met).toBe(false);
    expect(meetsCheck({}, { field: 'w', op: '!=', value: 1 }).met).toBe(false);
    expect(describeCheck({ field: 'lostAcked', op: '>', value: 0 })).toBe('lostAcked above 0');
  });
});

describe('grading predictions', () => {
  it('grades a number within a relative tolerance', () => {
    expect(gradeNumber(2, 2.4, 0.25)).toMatchObject({ correct: true });
    expect(gradeNumber(1, 2.4, 0.25)).toMatchObject({ correct: false });
    expect(gradeNumber(0, 0, 0.25).correct).toBe(true);
    expect(gradeNumber(3, 2, 0.5).correct).toBe(true);
  });

  it('puts a value in the right range: [previous below, below), the last open-ended', () => {
    const choices = [{ label: 'low', below: 5 }, { label: 'mid', below: 15 }, { label: 'high' }];
    expect(choiceForValue(choices, 4.99)).toBe(0);
    expect(choiceForValue(choices, 5)).toBe(1);
    expect(choiceForValue(choices, 100)).toBe(2);
    expect(gradeChoice(choices, 1, 17.9)).toEqual({ correct: false, actual: 17.9, rightChoice: 2 });
  });

  it('every value falls in exactly one range (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.double({ min: -2e6, max: 2e6, noNaN: true }), (cuts, value) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const choices = [...sorted.map((below, i) => ({ label: String(i), below })), { label: 'rest' }];
        expect(predictChoiceProblems(choices)).toEqual([]);
        const index = choiceForValue(choices, value);
        const lower = index === 0 ? -Infinity : sorted[index - 1];
        const upper = index === sorted.length ? Infinity : sorted[index];
        expect(value >= lower && value < upper).toBe(true);
      }),
    );
  });

  it('formats measured values to about three significant digits', () => {
    expect(formatMeasured(1.13500172)).toBe('1.14');
    expect(formatMeasured(17.89325)).toBe('17.9');
    expect(formatMeasured(0.0412345)).toBe('0.0412');
    expect(formatMeasured(12345.6)).toBe('12,346');
    expect(formatMeasured(0)).toBe('0');
  });
});

describe('headless preset runs (what Predict reveals)', () => {
  it('give exactly the result of the run the embed plays to its end (same params and seed)', async () => {
    const lab = await loadLabDefinition('queue');
    const done = await presetResult(loadLabDefinition, 'queue', 'bounded-queue-drops');
    const { run } = runForPreset(lab, 'bounded-queue-drops');
    const runner = new Runner(lab, run.params, run.seed);
    runner.runToEnd();
    expect(done.result).toEqual(runner.result());
    expect(done.now).toBe(runner.now);
    // M/M/1/K at ρ = 1.2, K = 10: P(drop) ≈ 19%; one 10-minute run within a few points
    expect((done.result as { dropRate: number }).dropRate).toBeGreaterThan(0.14);
    expect((done.result as { dropRate: number }).dropRate).toBeLessThan(0.24);
  });

  it('answer a worker command with the result, and an unknown lab with an error naming it', async () => {
    const replies: RunReply[] = [];
    const service = new RunService({ post: (r) => replies.push(r), frames: { requestFrame: (cb) => setTimeout(() => cb(0), 0) as unknown as number, cancelFrame: (id) => clearTimeout(id), now: () => 0, sliceMs: 10 }, loadLab: loadLabDefinition });
    await service.enqueue({ type: 'preset-result', runId: 7, labId: 'queue', preset: 'light-load' });
    await service.enqueue({ type: 'preset-result', runId: 8, labId: 'nope' });
    expect(replies[0]).toMatchObject({ type: 'preset-result', runId: 7, seed: 1 });
    expect((replies[0] as { result: { served: number } }).result.served).toBeGreaterThan(1000);
    expect(replies[1]).toMatchObject({ type: 'error', runId: 8, message: expect.stringMatching(/unknown lab "nope"/) });
  });

  it('run a share link query (a challenger\'s params)', async () => {
    const done = await presetResult(loadLabDefinition, 'queue', undefined, 'preset=light-load&arrivalRate=8');
    expect(done.params.arrivalRate).toBe(8);
    expect((done.result as { utilisation: number }).utilisation).toBeGreaterThan(0.7);
  });
});

import { estimateProblems, gradeEstimate, nudge, parseEstimate } from '../../../components/lesson/estimateModel';
import { formatDuration } from '../../../components/lesson/ReferenceCard';

describe('estimation drills', () => {
  it('parses what people type: separators, exponents and k/M/G/T', () => {
    expect(parseEstimate('6,000')).toBe(6000);
    expect(parseEstimate(' 1.2e3 ')).toBe(1200);
    expect(parseEstimate('3.5k')).toBe(3500);
    expect(parseEstimate('2M')).toBe(2e6);
    expect(parseEstimate('4T')).toBe(4e12);
    expect(parseEstimate('.5')).toBe(0.5);
    expect(parseEstimate('ten')).toBeNull();
    expect(parseEstimate('')).toBeNull();
    expect(parseEstimate('1.2.3')).toBeNull();
  });

  it('grades within a relative tolerance and says which way a miss goes', () => {
    expect(gradeEstimate(33, { answer: 34, tolerance: 0.15 }).correct).toBe(true);
    expect(gradeEstimate(24, { answer: 34, tolerance: 0.15 }).correct).toBe(false);
    expect(gradeEstimate(6600, { answer: 6000 }).correct).toBe(true);
    expect(gradeEstimate(6700, { answer: 6000 }).correct).toBe(false);
    expect(nudge(gradeEstimate(60000, { answer: 6000 }).ratio)).toBe('about 10× too high');
    expect(nudge(gradeEstimate(2000, { answer: 6000 }).ratio)).toBe('about 3× too low');
    expect(nudge(1.2)).toBe('a little high');
    expect(nudge(-1)).toMatch(/sign/);
  });

  it('validates drill data', () => {
    expect(estimateProblems([{ label: 'Peak', value: 3000, unit: 'req/s' }], [{ prompt: 'Q?', answer: 6000, unit: 'queries/s', work: 'x' }])).toEqual([]);
    const problems = estimateProblems([{ label: '', value: null, colour: 1 }], [{ prompt: 'Q?', answer: '6000', unit: '', tolerance: 0, work: '' }]).join('\n');
    expect(problems).toMatch(/givens\[0\]: unknown key "colour"/);
    expect(problems).toMatch(/needs an "answer" \(a number/);
    expect(problems).toMatch(/needs a "unit"/);
    expect(problems).toMatch(/tolerance must be a relative error/);
    expect(problems).toMatch(/needs "work"/);
    expect(estimateProblems(undefined, [])).toEqual(['"steps" must be a non-empty list of {prompt, answer, unit, tolerance?, work}']);
  });

  it('prints latencies in the unit that reads best', () => {
    expect(formatDuration(0.5)).toBe('0.5 ns');
    expect(formatDuration(150_000)).toBe('150 µs');
    expect(formatDuration(150_000_000)).toBe('150 ms');
  });
});

import { levelReached } from '../../../components/lesson/interviewModel';

describe('interview rubric self-check', () => {
  const rubric = { mid: ['a', 'b'], senior: ['c'], staff: ['d'], mistakes: ['x'] };
  it('reaches a level only when every point of it and of the levels below was made', () => {
    expect(levelReached(rubric, new Set())).toBeNull();
    expect(levelReached(rubric, new Set(['mid:0']))).toBeNull();
    expect(levelReached(rubric, new Set(['mid:0', 'mid:1']))).toBe('mid');
    expect(levelReached(rubric, new Set(['mid:0', 'mid:1', 'staff:0']))).toBe('mid');
    expect(levelReached(rubric, new Set(['mid:0', 'mid:1', 'senior:0', 'staff:0']))).toBe('staff');
    expect(levelReached({ senior: ['c'] }, new Set(['senior:0']))).toBe('senior');
  });
});

import { challengeCheckProblems, challengeHref, decodeChallenge, encodeChallenge, evaluateChallenge, splitChallengeQuery } from '../../../components/lesson/challengeModel';
import { exportProgress, importProgress, type KeyValueStore } from '../../../components/lesson/progress';

describe('challenges', () => {
  const spec = {
    id: 'queueing-tame-near-saturation',
    goal: 'Bring W under 0.5 s — at λ ≈ 9.5/s',
    checks: [
      { field: 'meanTimeInSystem', op: '<' as const, value: 0.5, label: 'mean time in the system (s)' },
      { field: 'throughput', op: '>=' as const, value: 9 },
    ],
  };

  it('round-trip through a URL, unicode included, and split from the run query', () => {
    const href = challengeHref('queue', 'near-saturation', spec);
    const query = href.split('?')[1];
    const { runQuery, challenge } = splitChallengeQuery(query);
    expect(runQuery).toBe('preset=near-saturation');
    expect(decodeChallenge(challenge!)).toEqual({ spec });
  });

  it('refuse damaged or hostile links with a reason, never a throw', () => {
    expect(decodeChallenge('%%%')).toEqual({ error: expect.stringMatching(/damaged/) });
    expect(decodeChallenge(encodeChallenge({ ...spec, id: 'Bad Id' }))).toEqual({ error: expect.stringMatching(/no valid id/) });
    expect(decodeChallenge(encodeChallenge({ ...spec, checks: [{ field: 'x', op: '=~' as never, value: 1 }] }))).toEqual({ error: expect.stringMatching(/bad check: check\[0\]\.op must be one of/) });
    expect(decodeChallenge(btoa('null'))).toEqual({ error: expect.stringMatching(/empty/) });
  });

  it('validate checks against the lab result fields', () => {
    expect(challengeCheckProblems({ field: 'lostAcked', op: '>', value: 0 }, ['lostAcked'])).toEqual([]);
    expect(challengeCheckProblems({ field: 'lost', op: '>', value: 0 }, ['lostAcked'])[0]).toMatch(/"lost" is not a field/);
    expect(challengeCheckProblems([{ field: 'ok', op: '<', value: true }]).join('\n')).toMatch(/compare true\/false with == or !=/);
    expect(challengeCheckProblems([])).toEqual([expect.stringMatching(/non-empty list/)]);
  });

  it('are solved by a real run that meets every check, and not by the preset as it stands', async () => {
    const { runQuery } = splitChallengeQuery(challengeHref('queue', 'near-saturation', spec).split('?')[1]);
    const preset = await presetResult(loadLabDefinition, 'queue', undefined, runQuery);
    expect(evaluateChallenge(preset.result, spec.checks).solved).toBe(false);
    const faster = await presetResult(loadLabDefinition, 'queue', undefined, `${runQuery}&serviceRate=12`);
    const evaluation = evaluateChallenge(faster.result, spec.checks);
    expect(evaluation.results.map((r) => r.met)).toEqual([true, true]);
    expect(evaluation.solved).toBe(true);
    const fewer = await presetResult(loadLabDefinition, 'queue', undefined, `${runQuery}&arrivalRate=5`);
    expect(evaluateChallenge(fewer.result, spec.checks).results.map((r) => r.met)).toEqual([true, false]);
  });
});

class MemoryStore implements KeyValueStore {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('progress export and import', () => {
  it('exports only progress keys and imports them back into another browser', () => {
    const a = new MemoryStore();
    a.setItem('sdl:quiz:queueing-basics:q', '{"v":1}');
    a.setItem('sdl:predict:queueing-basics:p', '{"guess":2,"actual":1.1,"correct":false}');
    a.setItem('sdl:challenge:x', '{"solved":true}');
    a.setItem('sdl-theme', 'dark');
    a.setItem('other-app', 'x');
    const file = exportProgress(a);
    expect(Object.keys(file.entries)).toEqual(['sdl:challenge:x', 'sdl:predict:queueing-basics:p', 'sdl:quiz:queueing-basics:q']);
    const b = new MemoryStore();
    expect(importProgress(JSON.stringify(file), b)).toEqual({ imported: 3, skipped: [] });
    expect(exportProgress(b)).toEqual(file);
  });

  it('refuses files that are not progress files and skips foreign or broken entries', () => {
    const b = new MemoryStore();
    expect(() => importProgress('not json', b)).toThrow(/not JSON/);
    expect(() => importProgress('{"app":"other"}', b)).toThrow(/not a System Design Lab progress file/);
    const file = { app: 'system-design-lab', kind: 'progress', v: 1, entries: { 'sdl-theme': 'dark', 'sdl:quiz:a:b': '{broken', 'sdl:read:a': '{"at":1}' } };
    expect(importProgress(JSON.stringify(file), b)).toEqual({ imported: 1, skipped: ['sdl-theme', 'sdl:quiz:a:b'] });
  });
});
