/**
 * The headless race with the learner's code: the ABR lab's own model and runner, with the "yours"
 * slots played by the sandboxed algorithm, every decision recorded with its input hash. The result
 * (a YoursRecord) goes into the lab's `yours.record` param, and the lab replays it anywhere.
 * Runs where QuickJS runs: the code lab's worker in the browser (never the page), Node in tests.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { Runner } from '@/simulations/core/runner';
import { abrLab, YOURS, type AbrParams } from '@/simulations/abr';
import { createModel } from '@/simulations/abr/lab/model';
import { hashText, raceFingerprint, recording, type RecordedDecision, type YoursRecord } from '@/simulations/abr/algorithms/yours';
import type { CompiledProgram } from '../sandbox/program';
import type { SandboxLimits } from '../sandbox/vm';
import { createSandboxedAbr, type SandboxedAbr } from './sandboxedAbr';

export interface RaceOutcome {
  record: YoursRecord;
  /** ticks each "yours" player used */
  ticks: Record<string, number>;
  logs: string[];
  /** events the run recorded (the lab's event log) and a hash of it, to compare runs */
  eventCount: number;
  eventLogHash: string;
}

/** Slots that race the learner's code in these params. */
export function yoursSlots(params: AbrParams): string[] {
  const out: string[] = [];
  if (params['race.second'] === YOURS) out.push('p1');
  if (params['race.third'] === YOURS) out.push('p2');
  return out;
}

export interface RaceOptions {
  limits?: Partial<SandboxLimits>;
  /** called after every decision of the learner's code (the worker's heartbeat) */
  onDecision?(count: number): void;
}

export function recordRace(qjs: QuickJSWASMModule, program: CompiledProgram, params: AbrParams, seed: number, options: RaceOptions = {}): RaceOutcome {
  const slots: Record<string, RecordedDecision[]> = {};
  const players: Record<string, SandboxedAbr> = {};
  let decisions = 0;
  const lab = {
    ...abrLab,
    create: (p: AbrParams, ctx: Parameters<typeof abrLab.create>[1]) =>
      createModel(p, ctx, (env, { slot, seed: playerSeed }) => {
        players[slot]?.dispose();
        const sandboxed = createSandboxedAbr(qjs, program, env, playerSeed, options.limits);
        players[slot] = sandboxed;
        const out: RecordedDecision[] = (slots[slot] = []);
        const recorded = recording(sandboxed, out);
        return {
          ...recorded,
          decide(input) {
            const d = recorded.decide(input);
            options.onDecision?.(++decisions);
            return d;
          },
        };
      }),
  };
  try {
    const runner = new Runner(lab, params, seed);
    runner.runToEnd();
    const events = runner.recorder.events;
    return {
      record: { v: 1, code: hashText(program.source), run: raceFingerprint(params, seed), slots },
      ticks: Object.fromEntries(Object.entries(players).map(([slot, p]) => [slot, p.ticks])),
      logs: Object.values(players).flatMap((p) => p.logs),
      eventCount: events.length,
      eventLogHash: hashText(JSON.stringify(events)),
    };
  } finally {
    for (const p of Object.values(players)) p.dispose();
  }
}
