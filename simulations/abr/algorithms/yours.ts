/**
 * The learner's own algorithm ("yours", issue 12's code lab) as the race sees it: a factory that
 * builds one fresh AbrAlgorithm per player, and the record that lets any thread replay a race the
 * sandbox played, without running the learner's code again.
 *
 * The sandbox (code-lab/, QuickJS in a worker) plays the whole race headless and records each
 * decision with a hash of every call that led to it (startVideo, observe, onStall, decide inputs).
 * The lab's own run (the shell's run worker, or the page) then plays the same race with a replaying
 * algorithm that recomputes the hash at every decide() and stops loudly on the first difference,
 * so players, charts, scrubbing and share links work exactly as for the built-ins (code-lab.md §3).
 */
import type { AbrAlgorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './types';

/** Builds the learner's algorithm for one player of one run; `seed` seeds its Math.random. */
export type YoursFactory = (env: AlgorithmEnv, player: { slot: string; seed: number }) => AbrAlgorithm;

/** One recorded decision: the hash of the calls up to it, and what the algorithm decided. */
export type RecordedDecision = [inputHash: string, decision: Decision];

export interface YoursRecord {
  v: 1;
  /** hash of the learner's source (to notice a record of older code) */
  code: string;
  /** hash of the params (without the record) and seed the race was played with */
  run: string;
  /** per player slot, every decision in order */
  slots: Record<string, RecordedDecision[]>;
}

/** FNV-1a, 32 bits, over UTF-16 code units; chained call after call. */
class CallHash {
  private h = 0x811c9dc5;
  feed(text: string): string {
    let h = this.h;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    this.h = h;
    return (h >>> 0).toString(16).padStart(8, '0');
  }
}

function observationText(o: ChunkObservation): string {
  return `o${o.index},${o.quality},${o.bytes},${o.delayMs},${o.bufferS},${o.rebufferS},${o.requestMs},${o.completeMs};`;
}

function inputText(i: DecisionInput): string {
  return `d${i.nextIndex},${i.bufferS},${i.lastQuality},${i.nowMs};`;
}

export function hashText(text: string): string {
  return new CallHash().feed(text);
}

/** The fingerprint of a race: params (sorted keys, without the record) and seed. */
export function raceFingerprint(params: Record<string, unknown>, seed: number): string {
  const keys = Object.keys(params)
    .filter((k) => k !== YOURS_RECORD_PARAM)
    .sort();
  return hashText(JSON.stringify([seed, keys.map((k) => [k, params[k]])]));
}

export const YOURS_RECORD_PARAM = 'yours.record';

/** Wrap the sandboxed algorithm so every decision is written to `out` with its input hash. */
export function recording(inner: AbrAlgorithm, out: RecordedDecision[]): AbrAlgorithm {
  const hash = new CallHash();
  return {
    name: inner.name,
    startVideo() {
      hash.feed('s;');
      inner.startVideo();
    },
    observe(obs) {
      hash.feed(observationText(obs));
      inner.observe(obs);
    },
    onStall() {
      hash.feed('x;');
      inner.onStall?.();
    },
    decide(input) {
      const inputHash = hash.feed(inputText(input));
      const decision = inner.decide(input);
      out.push([inputHash, structuredCopy(decision)]);
      return decision;
    },
  };
}

/** The replay of one slot's recorded decisions; throws ReplayDivergence on the first input that differs. */
export function replaying(entries: readonly RecordedDecision[], slot: string): AbrAlgorithm {
  const hash = new CallHash();
  let next = 0;
  return {
    name: 'yours',
    startVideo() {
      hash.feed('s;');
    },
    observe(obs) {
      hash.feed(observationText(obs));
    },
    onStall() {
      hash.feed('x;');
    },
    decide(input) {
      const inputHash = hash.feed(inputText(input));
      const entry = entries[next];
      if (!entry) throw new ReplayDivergence(slot, next, `the sandbox's race made only ${entries.length} decisions`);
      if (entry[0] !== inputHash) throw new ReplayDivergence(slot, next, `decide() got input ${inputHash}, the sandbox's race got ${entry[0]}`);
      next++;
      return structuredCopy(entry[1]);
    },
  };
}

export class ReplayDivergence extends Error {
  constructor(
    readonly slot: string,
    readonly decision: number,
    detail: string,
  ) {
    super(`your algorithm's replay diverged from its sandbox run at decision ${decision} of player ${slot}: ${detail}. Press Run in the code panel to race it again.`);
    this.name = 'ReplayDivergence';
  }
}

/** A factory that replays `record`, refusing a record made for other params or another seed. */
export function replayFactory(record: YoursRecord | null, fingerprint: string): YoursFactory {
  return (_env, { slot }) => {
    if (!record) throw new Error('race.second or race.third is "yours" but no run of your code is recorded: open the code panel and press Run');
    if (record.run !== fingerprint) throw new Error('your code was raced with other parameters or another seed: press Run in the code panel to race it on these');
    const entries = record.slots[slot];
    if (!entries) throw new Error(`your code's recorded race has no player ${slot}: press Run in the code panel`);
    return replaying(entries, slot);
  };
}

function structuredCopy(d: Decision): Decision {
  const out: Decision = { quality: d.quality, estimateKbps: d.estimateKbps };
  if (d.waitS !== undefined) out.waitS = d.waitS;
  if (d.thresholds !== undefined) out.thresholds = { ...d.thresholds };
  if (d.rule !== undefined) out.rule = d.rule;
  return out;
}

/** Shape check of a record from a link or a param (the JSON param's `check`); null when fine. */
export function checkYoursRecord(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'a recorded race of your code, or null';
  const r = value as Partial<YoursRecord>;
  if (r.v !== 1 || typeof r.code !== 'string' || typeof r.run !== 'string' || !r.slots || typeof r.slots !== 'object') return 'a recorded race of your code ({ v: 1, code, run, slots }), or null';
  for (const [slot, entries] of Object.entries(r.slots)) {
    if (!Array.isArray(entries)) return `slots.${slot} must be a list of decisions`;
    for (const e of entries) {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || !e[1] || typeof e[1] !== 'object' || typeof (e[1] as Decision).quality !== 'number') return `slots.${slot} holds a malformed decision`;
    }
  }
  return null;
}
