/**
 * What Alice and Bob say, and who speaks when: turns of `turnLength` messages, Alice first (she starts
 * the session). The words are drawn from a seeded stream so runs differ by seed and replay exactly.
 */
import type { RandomStream } from '../../core/rng';

const LINES = [
  'are we still on for friday',
  'running ten minutes late',
  'the pharmacy closes at six',
  'can you send me the address',
  'my flight lands at nine',
  'bring the blue folder please',
  'the door code is the usual one',
  'call me after the interview',
  'dinner at the thai place',
  'i left the keys with marta',
  'the results came back fine',
  'meet at the north entrance',
  'do not tell sam about the party',
  'the contract is on my desk',
  'my train is cancelled again',
  'see you at the station',
] as const;

export type Speaker = 'alice' | 'bob';

export interface ScriptLine {
  readonly seq: number;
  readonly speaker: Speaker;
  readonly text: string;
}

export function speakerOf(seq: number, turnLength: number): Speaker {
  return Math.floor((seq - 1) / turnLength) % 2 === 0 ? 'alice' : 'bob';
}

export function writeScript(messages: number, turnLength: number, words: RandomStream): ScriptLine[] {
  return Array.from({ length: messages }, (_, i) => {
    const seq = i + 1;
    return { seq, speaker: speakerOf(seq, turnLength), text: `${words.pick(LINES)} (#${seq})` };
  });
}

export const GROUP_LINES = ['who is bringing drinks', 'photos from saturday', 'vote for the date', 'new address below', 'happy birthday grace'] as const;
