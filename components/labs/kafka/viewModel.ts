/**
 * Selectors: what the Kafka view draws, computed from the run's RunView (frame, result, recorder)
 * and never from the model. The verdict's prose is in parts/verdict.ts.
 */
import type { RunViewOf } from '@/simulations/core/lab';
import type { kafkaLab, KafkaFrame, KafkaRunResult } from '@/simulations/kafka';
import { kafkaVerdict, type RunFacts, type Verdict } from './parts/verdict';

export type KafkaRun = RunViewOf<typeof kafkaLab>;

/** The verdict's facts: the frame's live counters and the result's audit, or null for rejected params. */
export function runFacts(frame: KafkaFrame, result: KafkaRunResult): RunFacts | null {
  if (!frame.ok) return null;
  return { cfg: frame.cfg, ...frame.facts, ...result.audit };
}

export interface VerdictSnapshot {
  result: KafkaRunResult;
  facts: RunFacts | null;
  final: boolean;
  verdict: Verdict | null;
}

/** The O(records) part of a frame (the audit, through result()): the view throttles it. */
export function verdictSnapshot(run: KafkaRun): VerdictSnapshot {
  const result = run.result();
  const facts = runFacts(run.frame(), result);
  const final = run.done;
  return { result, facts, final, verdict: facts ? kafkaVerdict(result, facts, final) : null };
}
