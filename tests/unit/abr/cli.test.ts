/** The ABR command line (abrLab.cli), called the way scripts/sim.ts delegates to it. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { abrLab } from '@/simulations/abr';
import { runReferenceBatch } from '@/simulations/abr/session/reference';
import { toJsonResult } from '@/simulations/abr/session/types';
import { hasReference, loadTrace, loadVideo, nodeIo, TRACE_DIR, VIDEO_DIR } from './reference-fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'abr-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await abrLab.cli!.run(args, { ...nodeIo, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('abr CLI', () => {
  it('falls back to the synthetic trace and video and prints the documented JSON shape', async () => {
    const { code, out } = await run(['--algorithm', 'bba,rate', '--json', '--set', 'video.chunks=12']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toHaveLength(2);
    expect(Object.keys(json[0])).toEqual(['trace', 'algorithm', 'qoe', 'qoeAll', 'meanBitrateKbps', 'rebufferS', 'switches', 'startupDelayS', 'chunks']);
    expect(Object.keys(json[0].chunks[0])).toEqual(['index', 'quality', 'bitrateKbps', 'rebufferS', 'bufferS', 'delayMs', 'reward']);
    expect(json[0].chunks).toHaveLength(12);
    const rewards = json[0].chunks.map((c: { reward: number }) => c.reward);
    expect(json[0].qoe).toBeCloseTo(rewards.slice(1).reduce((a: number, b: number) => a + b, 0), 9);
    expect(json[0].qoeAll).toBeCloseTo(rewards.reduce((a: number, b: number) => a + b, 0), 9);
    expect(json.map((r: { algorithm: string }) => r.algorithm)).toEqual(['bba', 'rate']);
  });

  it('a bad trace file exits 2 naming the file and line', async () => {
    const file = path.join(tmp, 'bad.txt');
    writeFileSync(file, '0 1\n1 2\n2 fast\n');
    const { code, err, out } = await run(['--trace', file, '--json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(file);
    expect(err).toContain('line 3');
    for (const [text, line] of [['0 1\n2 1\n1 1\n', 3], ['0 1\n1 -1\n', 2], ['', 1], ['0 1\n1 1e400\n', 2]] as const) {
      writeFileSync(file, text);
      const r = await run(['--trace', file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`line ${line}`);
    }
  });

  it('a folder is played in file-name order; bad flags exit 2', async () => {
    const dir = path.join(tmp, 'traces');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'b_trace'), '0 2\n10 2\n20 1\n');
    writeFileSync(path.join(dir, 'a_trace'), '0 1\n10 3\n20 3\n');
    const { code, out } = await run(['--trace', dir, '--algorithm', 'all', '--json', '--set', 'video.chunks=6']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toHaveLength(14);
    expect(json[0].trace).toBe('a_trace');
    expect(json[7].trace).toBe('b_trace');
    expect((await run(['--algorithm', 'pensieve'])).code).toBe(2);
    expect((await run(['--mode', 'fast'])).code).toBe(2);
    expect((await run(['--set', 'bba.cushionS=0'])).err).toContain('bba.cushionS');
    expect((await run(['--bogus'])).code).toBe(2);
    const table = await run(['--set', 'video.chunks=6']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/trace\s+algorithm\s+qoe/);
  });

  it.skipIf(!hasReference)('reference mode over the reference data matches the reference loop', async () => {
    const file = path.join(TRACE_DIR, 'norway_bus_1');
    const { code, out } = await run(['--trace', file, '--video', VIDEO_DIR, '--algorithm', 'bba,robustmpc', '--mode', 'reference', '--json']);
    expect(code).toBe(0);
    const video = loadVideo();
    const trace = loadTrace('norway_bus_1');
    const expected = [runReferenceBatch([trace], video, 'bba')[0], runReferenceBatch([trace], video, 'robustmpc')[0]].map(toJsonResult);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(expected)));
    const carry = await run(['--trace', TRACE_DIR, '--video', VIDEO_DIR, '--algorithm', 'robustmpc', '--mode', 'reference', '--history', 'carry', '--json']);
    expect(JSON.parse(carry.out)).toHaveLength(142);
  });
});
