/**
 * The video-streaming, video-uploads and music-streaming lessons explain every <Predict> reveal in
 * words ("robustMPC is caught at the top rung", "the offline lift is unchanged"). Each reveal is the
 * value its preset run computes, so these tests run every preset as the card does and pin the choice
 * the explanation was written for: a lab change that moves a run into another range fails here,
 * where the lesson text must be re-read.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkLessonSource, type ComponentUse } from '@/components/lesson/contentCheck';
import { labFacts } from '@/components/lesson/labFacts';
import { choiceForValue, type PredictChoice } from '@/components/lesson/predictLogic';
import { readResultField } from '@/components/lesson/resultFields';
import { evaluateChallenge, normaliseChecks, type ChallengeCheck } from '@/components/lesson/challengeModel';
import { presetResult } from '@/components/lab-shell/run-host/runService';
import { runForPreset } from '@/components/lab-shell/link';
import { loadLabDefinition } from '@/simulations/labLoaders';
import { Runner } from '@/simulations/core/runner';

const expectedChoice: Record<string, Record<string, string>> = {
  'video-streaming': {
    'rate-rule-startup-on-slow-link': '5 s to 10 s',
    'bba-stall-on-3g': '5 s to 15 s',
    'plain-mpc-stall-on-jitter': '5 s to 15 s',
    'robustmpc-stall-in-tunnel': '15 s or more',
    'rate-rule-qoe-on-3g': '25 to 50',
  },
  'video-uploads': {
    'single-post-wasted-bytes': 'More than the file itself (16 MiB or more)',
    'server-crash-resent-bytes': 'None (under 64 KiB)',
    'two-tabs-takeovers': '4 to 10 times',
    'expired-upload-stored-bytes': 'Nothing (under 1 MiB)',
    'buffering-proxy-lost-work': '2 to 6 MiB',
  },
  'music-streaming': {
    'todays-client-ttfa-p90': 'Under 100 ms',
    'spotify-2010-peer-share': '25 % to 50 %',
    'edge-hit-ratio-zipf': '50 % to 80 %',
    'als-lift-over-popularity': '1.5× to 3×',
    'overfit-lift': '1× to 1.5×',
    'cold-start-offline-lift': 'About the same as the first run: 1.5× to 3×',
  },
};

const labs = labFacts();
const usesOf = (slug: string, name: string): ComponentUse[] =>
  checkLessonSource(readFileSync(`content/${slug}.mdx`, 'utf8'), { file: `content/${slug}.mdx`, labs }).uses.filter((u) => u.name === name);

async function measured(lab: string, preset: string | undefined, field: string): Promise<number> {
  const { result } = await presetResult(loadLabDefinition, lab, preset);
  const value = readResultField(result, field);
  if (typeof value !== 'number') throw new Error(`${lab}/${preset}: ${field} is ${String(value)}, not a number`);
  return value;
}

describe.each(Object.keys(expectedChoice))('the %s lesson’s predictions', (slug) => {
  const predicts = usesOf(slug, 'Predict');

  it('are all pinned here (a new Predict needs its expected choice)', () => {
    expect(predicts.map((p) => p.props.id).sort()).toEqual(Object.keys(expectedChoice[slug]).sort());
  });

  it.each(predicts.map((p) => [p.props.id as string, p] as const))('%s reveals the range its explanation describes', async (id, predict) => {
    const { lab, preset, field, scale = 1, choices } = predict.props as { lab: string; preset?: string; field: string; scale?: number; choices: PredictChoice[] };
    const value = (await measured(lab, preset, field)) * scale;
    expect(choices[choiceForValue(choices, value)].label, `${id}: measured ${value}`).toBe(expectedChoice[slug][id]);
  }, 60_000);
});

describe('outcomes the lesson text states beside its predictions', () => {
  it('turning the content model off leaves the offline lift unchanged but reaches none of the new track’s fans', async () => {
    const withContent = await presetResult(loadLabDefinition, 'discover-weekly', 'tiny-discover-weekly');
    const without = await presetResult(loadLabDefinition, 'discover-weekly', 'cold-start-no-content');
    expect(readResultField(without.result, 'lift')).toBe(readResultField(withContent.result, 'lift'));
    expect(readResultField(without.result, 'coldStart.fansReached')).toBe(0);
    expect(readResultField(withContent.result, 'coldStart.fansReached')).toBeGreaterThan(0);
  }, 60_000);

  it('the tunnel: the rate rule rides through while BBA and robustMPC stall', async () => {
    const { result } = await presetResult(loadLabDefinition, 'abr', 'the-tunnel');
    expect(readResultField(result, '0.rebufferS')).toBe(0);
    expect(readResultField(result, '1.rebufferS')).toBeGreaterThan(0);
    expect(readResultField(result, '2.rebufferS')).toBeGreaterThan(readResultField(result, '1.rebufferS') as number);
  }, 60_000);
});

describe('the video-streaming BBA challenge', () => {
  const [challenge] = usesOf('video-streaming', 'Challenge');
  const checks = normaliseChecks(challenge.props.check as ChallengeCheck[]);

  it('is not solved by the preset as shipped', async () => {
    const { result } = await presetResult(loadLabDefinition, 'abr', challenge.props.preset as string);
    expect(evaluateChallenge(result, checks).solved).toBe(false);
  }, 60_000);

  it('is solved by the hint’s fix, a cushion spread over the buffer the player builds', async () => {
    const lab = await loadLabDefinition('abr');
    const { run } = runForPreset(lab, challenge.props.preset as string);
    for (const cushionS of [30, 40]) {
      const runner = new Runner(lab, { ...run.params, 'bba.cushionS': cushionS } as never, run.seed);
      runner.runToEnd();
      expect(evaluateChallenge(runner.result(), checks).solved, `cushion ${cushionS} s`).toBe(true);
    }
  }, 60_000);
});
