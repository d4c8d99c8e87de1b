'use client';
/**
 * The ABR lab's code panel (issue 12): the shared code panel with the ABR target. Your algorithm
 * races as a player of the lab, and the recorded race goes into the lab as "Your code", where it
 * replays like a built-in. Loaded with next/dynamic only when opened.
 */
import { useMemo, useState } from 'react';
import { abrLab, raceFingerprint, type AbrParams, type YoursRecord } from '@/simulations/abr';
import { shareQuery } from '@/components/lab-shell/link';
import { CodePanel, type CodeTarget, type RaceFn, type RaceRequest } from '@/components/code-lab/CodePanel';
import { ABR_TEMPLATES, ABR_TYPES_DTS } from '@/code-lab/abr/generated';
import { raceInWorker } from '@/code-lab/browser/raceInWorker';
import type { LearnerCode } from './learnerCode';
import styles from '@/components/code-lab/CodePanel.module.css';

type Slot = 'race.second' | 'race.third';

const ABR_TARGET: CodeTarget = {
  lab: 'abr',
  title: 'Your ABR algorithm',
  file: 'algorithm.ts',
  typesModule: 'abr',
  typesDts: ABR_TYPES_DTS,
  templates: ABR_TEMPLATES,
  initialTemplate: 'rate',
  downloadName: 'my-abr.ts',
  note: (
    <>
      Export <code>createAlgorithm(env)</code> returning <code>decide(input)</code> (and optionally <code>startVideo</code>, <code>observe</code>, <code>onStall</code>). It runs in a
      sandbox: no clock, network or storage, <code>Math.random</code> seeded by the lab, a CPU budget per decision.
    </>
  ),
};

export interface AbrCodePanelProps {
  params: AbrParams;
  seed: number;
  setParams?(changes: Record<string, unknown>): void;
  onClose(): void;
  /** after every successful race: the code that raced (the view enters it in the tournament) */
  onRaced?(code: LearnerCode): void;
  /** a race the view asks for (a tournament trace opened as a race of your code): raced on arrival */
  raceRequest?: { params: AbrParams; nonce: number } | null;
}

export default function AbrCodePanel({ params, seed, setParams, onClose, onRaced, raceRequest = null }: AbrCodePanelProps) {
  const [slot, setSlot] = useState<Slot>(params['race.second'] === 'yours' ? 'race.second' : 'race.third');

  /** races the code on these params and puts the recorded race into the lab */
  const raceOn = useMemo(() => {
    if (!setParams) return null;
    return (raceParams: AbrParams, raceSeed: number, player: Slot): RaceFn =>
      (program, onProgress) => {
        const racing = raceInWorker({ target: 'abr', program, params: raceParams, seed: raceSeed }, { onProgress: (decisions) => onProgress(String(decisions)) });
        return {
          cancel: racing.cancel,
          result: racing.result.then((outcome) => {
            const decisions = Object.values(outcome.record.slots).reduce((n, s) => n + s.length, 0);
            const ticks = Object.values(outcome.ticks).reduce((a, b) => a + b, 0);
            // the whole race's params: a race opened from the tournament also changes the trace and the baseline
            setParams({ ...raceParams, 'yours.record': outcome.record });
            return { summary: <p>{`Raced: ${decisions} decisions, ${ticks} ticks. Your code is the ${player === 'race.second' ? 'second' : 'third'} player.`}</p>, logs: outcome.logs };
          }),
        };
      };
  }, [setParams]);

  const race = raceOn ? raceOn({ ...params, [slot]: 'yours', 'yours.record': null }, seed, slot) : null;

  // the lab's params or seed changed under a recorded race: race the same code again on them;
  // a race the view asks for (a tournament trace) is raced on arrival
  const record = params['yours.record'] as YoursRecord | null;
  const rerace = useMemo<RaceRequest | null>(() => {
    if (!raceOn || !record || (params['race.second'] !== 'yours' && params['race.third'] !== 'yours')) return null;
    const fingerprint = raceFingerprint(params, seed);
    if (record.run === fingerprint) return null;
    return { key: fingerprint, race: raceOn({ ...params, 'yours.record': null }, seed, slot), onlyIfUnchanged: true };
  }, [raceOn, record, params, seed, slot]);
  const requested = useMemo<RaceRequest | null>(
    () => (raceOn && raceRequest ? { key: String(raceRequest.nonce), race: raceOn(raceRequest.params, seed, slot) } : null),
    // a request is raced once, on arrival (its key stays when the slot changes)
    [raceOn, raceRequest, seed, slot],
  );

  return (
    <CodePanel
      target={ABR_TARGET}
      race={race}
      shareBase={() => `${window.location.origin}/labs/abr?${shareQuery(abrLab, { params, seed })}`}
      onClose={onClose}
      requests={[rerace, requested]}
      onRaced={onRaced ? (program) => onRaced({ program }) : undefined}
      controls={
        <label className={styles.field}>
          Race it as
          <select value={slot} onChange={(e) => setSlot(e.target.value as Slot)} data-testid="code-slot">
            <option value="race.second">second player</option>
            <option value="race.third">third player</option>
          </select>
        </label>
      }
    />
  );
}
