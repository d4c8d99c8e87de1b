'use client';
/**
 * The chat lab's code panel (issue 12): write a reconnect backoff policy and race it against the
 * six built-ins (none, fixed, exponential, full / equal / decorrelated jitter) on this page's params
 * and seed (the story: the restart-storm presets), in the code lab's worker. Loaded with
 * next/dynamic only when opened.
 */
import { useCallback, useState } from 'react';
import { chatLab, type ChatParams } from '@/simulations/chat';
import { shareQuery } from '@/components/lab-shell/link';
import { CodePanel, type CodeTarget, type RaceFn } from '@/components/code-lab/CodePanel';
import { RaceTable } from '@/components/code-lab/RaceTable';
import { CHAT_TEMPLATES, CHAT_TYPES_DTS } from '@/code-lab/chat/generated';
import type { BackoffRace } from '@/code-lab/chat/race';
import { LABELS, backoffRows } from './raceRows';
import { raceInWorker } from '@/code-lab/browser/raceInWorker';
import { groupedNumber } from '@/simulations/core/numberText';

const CHAT_TARGET: CodeTarget = {
  lab: 'chat',
  title: 'Your backoff policy',
  file: 'backoff.ts',
  typesModule: 'chat',
  typesDts: CHAT_TYPES_DTS,
  templates: CHAT_TEMPLATES,
  initialTemplate: 'blank',
  downloadName: 'my-backoff.ts',
  note: (
    <>
      Export <code>createPolicy(env)</code> returning <code>delayMs(input)</code>: how long a phone waits before its next reconnect attempt. It races against the six built-in policies on
      this page&rsquo;s settings and seed (the story: a restart-storm preset), in a sandbox: no clock, network or storage, <code>Math.random</code> seeded by the lab, a CPU budget per run.
    </>
  ),
};

export interface ChatCodePanelProps {
  params: ChatParams;
  seed: number;
  onClose(): void;
}

export default function ChatCodePanel({ params, seed, onClose }: ChatCodePanelProps) {
  const [race, setRace] = useState<BackoffRace | null>(null);
  const raceFn = useCallback<RaceFn>(
    (program, onProgress) => {
      const racing = raceInWorker({ target: 'chat', program, params, seed }, { onProgress: (pct, label) => onProgress(`${LABELS[label ?? ''] ?? label} ${pct}%`) });
      return {
        cancel: racing.cancel,
        result: racing.result.then((outcome) => {
          setRace(outcome);
          const won = backoffRows(outcome).filter((r) => r.beaten).length;
          return {
            summary: <p>{`Raced: ${groupedNumber(outcome.waits)} waits, ${outcome.ticks} ticks. Your policy beats ${won} of ${outcome.rows.length - 1} (everyone back, sooner, with no more attempts per phone).`}</p>,
            logs: outcome.logs,
          };
        }),
      };
    },
    [params, seed],
  );
  return (
    <CodePanel target={CHAT_TARGET} race={raceFn} shareBase={() => `${window.location.origin}/labs/chat?${shareQuery(chatLab, { params, seed })}`} onClose={onClose}>
      {race && <RaceTable caption={`Seed ${seed}: how fast the phones come back, per policy`} columns={['all back after', 'attempts / phone', 'peak attempts / s', 'still offline']} rows={backoffRows(race)} />}
    </CodePanel>
  );
}
