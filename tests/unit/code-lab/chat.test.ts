/**
 * Target 3 of the code lab: the learner's reconnect backoff policy, in Node. The exponential
 * template reproduces the built-in run event for event; full jitter beats it in the crash storm;
 * races are deterministic and Math.random follows the seed; bad waits and runaway retrying are
 * reported at the TypeScript line:col; the CLI's --backoff-file races it against the six built-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQuickJs, type QuickJSWASMModule } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { type SandboxError } from '@/code-lab/sandbox/program';
import { beats, raceBackoffPolicies } from '@/code-lab/chat/race';
import { createSandboxedBackoff } from '@/code-lab/chat/sandboxedBackoff';
import { CHAT_TEMPLATES } from '@/code-lab/chat/generated';
import { chatLab, RECONNECT_POLICIES, type ChatParams } from '@/simulations/chat';
import { validate } from '@/simulations/core/params';
import { sandboxFailure } from './support';
import { sim as runSim } from '../support/simCli';

let qjs: QuickJSWASMModule;
beforeAll(async () => {
  qjs = await loadQuickJs();
});
const dir = mkdtempSync(join(tmpdir(), 'code-lab-chat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storm = chatLab.presets.find((p) => p.id === 'restart-storm-no-jitter')!;
/** The restart storm, smaller: 20,000 phones, a gateway of 5,000 crashes at 5 s, 60 s in all. */
function params(extra: Record<string, unknown> = {}): ChatParams {
  const v = validate(chatLab.schema, { ...storm.params, users: 20_000, durationMs: 60_000, ...extra });
  expect(v.errors).toEqual([]);
  return v.params as ChatParams;
}
const template = (id: string) => compileTypeScript(CHAT_TEMPLATES.find((t) => t.id === id)!.source, `${id}.ts`);


describe('the learner\'s reconnect backoff policy', () => {
  it('the exponential template makes the built-in exponential run, event for event; full jitter beats it in the storm', () => {
    const race = raceBackoffPolicies(qjs, template('exponential'), params(), 11, { rivals: ['exponential', 'full-jitter'] });
    const [yours, exponential, fullJitter] = race.rows;
    expect(yours.eventLogHash).toBe(exponential.eventLogHash);
    expect(yours.result).toEqual(exponential.result);
    expect(race.waits).toBe(yours.result.reconnect.attempts);
    expect(beats(fullJitter.result, exponential.result)).toBe(true);
    expect(beats(exponential.result, fullJitter.result)).toBe(false);
  });

  it('races all six built-ins, deterministically; Math.random follows the lab seed', () => {
    const race = raceBackoffPolicies(qjs, template('full-jitter'), params(), 11);
    expect(race.rows.map((r) => r.policy)).toEqual(['yours', ...RECONNECT_POLICIES]);
    const again = raceBackoffPolicies(qjs, template('full-jitter'), params(), 11, { rivals: [] });
    expect(again.rows[0].eventLogHash).toBe(race.rows[0].eventLogHash);
    const other = raceBackoffPolicies(qjs, template('full-jitter'), params(), 12, { rivals: [] });
    expect(other.rows[0].eventLogHash).not.toBe(race.rows[0].eventLogHash);
  });

  it('refuses a NaN, negative, too long or non-number wait and a throw, at the TypeScript line:col', () => {
    const policy = (body: string) => compileTypeScript(`import type { BackoffEnv, BackoffPolicy } from './chat';\nexport function createPolicy(env: BackoffEnv): BackoffPolicy {\n  return {\n    delayMs(input) {\n      ${body}\n    },\n  };\n}\n`, 'mine.ts');
    const cases: [string, RegExp, SandboxError['kind']][] = [
      ['return NaN;', /mine\.ts:4:5: delayMs\(\) for attempt 0 returned NaN: it must be a number of ms, 0 … 3600000/, 'contract'],
      ['return -1;', /returned -1/, 'contract'],
      ['return 4e6;', /returned 4000000/, 'contract'],
      ['return "soon" as never;', /returned "soon"/, 'contract'],
      ['throw new RangeError("attempt " + input.attempt);', /mine\.ts:5:17: delayMs\(\) threw RangeError: attempt 0/, 'runtime'],
      ['for (;;) {}', /mine\.ts:\d+:\d+: delayMs\(\) used up its CPU budget/, 'budget'],
    ];
    for (const [body, message, kind] of cases) {
      const e = sandboxFailure(() => raceBackoffPolicies(qjs, policy(body), params(), 11, { rivals: [] }));
      expect(e.kind, body).toBe(kind);
      expect(e.message, body).toMatch(message);
    }
  });

  it('stops a policy that retries beyond the lab\'s work budget for reconnects', () => {
    const box = createSandboxedBackoff(qjs, template('blank'), { baseMs: 1000, capMs: 30_000 }, 1, 3);
    for (let i = 0; i < 3; i++) expect(box.delayMs({ attempt: i, previousDelayMs: 0 })).toBe(1000);
    const e = sandboxFailure(() => box.delayMs({ attempt: 3, previousDelayMs: 1000 }));
    expect(e.kind).toBe('budget');
    expect(e.message).toMatch(/blank\.ts:\d+:\d+: delayMs\(\) was asked for more than 3 waits/);
    box.dispose();
  });
});

describe('sim chat --backoff-file', () => {
  const sim = (argv: string[]) => runSim(argv, 'disk');
  const SMALL = ['--preset', 'restart-storm-no-jitter', '--set', 'users=20000', '--set', 'durationMs=60000'];

  it('races the file against the six built-ins; a bad file is exit 2 with its place', async () => {
    const file = join(dir, 'jitter.ts');
    writeFileSync(file, CHAT_TEMPLATES.find((t) => t.id === 'full-jitter')!.source);
    const r = await sim(['chat', ...SMALL, '--backoff-file', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { seed: number; rows: { policy: string; reconnect: { stillDisconnected: number } }[] };
    expect(doc.seed).toBe(11);
    expect(doc.rows.map((x) => x.policy)).toEqual(['yours', ...RECONNECT_POLICIES]);
    expect(doc.rows[0].reconnect.stillDisconnected).toBe(0);
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, 'export function createPolicy() {\n  return {\n    delayMs() { return -5; },\n  };\n}\n');
    const failed = await sim(['chat', ...SMALL, '--backoff-file', bad]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^chat: your backoff policy failed: bad\.ts:3:5: delayMs\(\) for attempt 0 returned -5/);
    const wrongSetting = await sim(['chat', ...SMALL, '--set', 'users=0', '--backoff-file', bad]);
    expect(wrongSetting.code).toBe(2);
    expect(wrongSetting.stderr).toMatch(/users/);
  }, 120_000);
});
