/** The editor's types and templates are generated from the real sources: stale or ill-typed fails here. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_GENERATED_FILE, chatGeneratedFile, GENERATED_FILE, generatedFile, KAFKA_GENERATED_FILE, kafkaGeneratedFile } from '@/scripts/code-lab-gen';
import { CHAT_TEMPLATES, CHAT_TYPES_DTS } from '@/code-lab/chat/generated';
import { KAFKA_TEMPLATES, KAFKA_TYPES_DTS } from '@/code-lab/kafka/generated';
import { ABR_TEMPLATES, ABR_TYPES_DTS } from '@/code-lab/abr/generated';
import { ALGORITHM_NAMES } from '@/simulations/abr';

describe('code lab: generated ABR types and templates', () => {
  it('are up to date with simulations/abr (run `npx tsx scripts/code-lab-gen.ts` after changing them)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatedFile());
  });

  it('offer blank and every built-in algorithm', () => {
    expect(ABR_TEMPLATES.map((t) => t.id)).toEqual(['blank', ...ALGORITHM_NAMES]);
    expect(ABR_TYPES_DTS).toMatch(/export interface DecisionInput \{/);
    expect(ABR_TYPES_DTS).toMatch(/export type Algorithm = Omit<AbrAlgorithm, 'name'>/);
  });

  it('type-check against the declarations the editor uses, with the editor\'s compiler options (no DOM)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-lab-templates-'));
    try {
      writeFileSync(join(dir, 'abr.d.ts'), ABR_TYPES_DTS);
      for (const t of ABR_TEMPLATES) writeFileSync(join(dir, `${t.id}.ts`), t.source);
      // one file that must NOT compile: the DOM is not there
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2020', lib: ['es2020'], strict: true, noEmit: true, module: 'commonjs', types: [] }, include: ['*.ts'] }));
      execFileSync(join(process.cwd(), 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
      writeFileSync(join(dir, 'dom.ts'), 'export const leak = fetch("http://example.com") && document.cookie && localStorage;\n');
      let out = '';
      try {
        execFileSync(join(process.cwd(), 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout);
      }
      expect(out).toMatch(/dom\.ts.*Cannot find name 'fetch'/);
      expect(out).toMatch(/Cannot find name 'document'/);
      expect(out).toMatch(/Cannot find name 'localStorage'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A target's declarations and templates type-check with the editor's options; one wrong file fails as it should. */
function typeCheck(module: string, dts: string, templates: readonly { id: string; source: string }[], wrong: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), `code-lab-${module}-templates-`));
  try {
    writeFileSync(join(dir, `${module}.d.ts`), dts);
    for (const t of templates) writeFileSync(join(dir, `${t.id}.ts`), t.source);
    writeFileSync(join(dir, 'wrong.ts'), wrong);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2020', lib: ['es2020'], strict: true, noEmit: true, module: 'commonjs', types: [] }, include: ['*.ts'] }));
    try {
      execFileSync(join(process.cwd(), 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
      return [];
    } catch (e) {
      return String((e as { stdout?: string }).stdout).trim().split('\n').filter((l) => /error TS/.test(l));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('code lab: generated Kafka partitioner and chat backoff types and templates', () => {
  it('are up to date with simulations/{kafka,chat} and code-lab/{kafka,chat}/templates', () => {
    expect(readFileSync(KAFKA_GENERATED_FILE, 'utf8')).toBe(kafkaGeneratedFile());
    expect(readFileSync(CHAT_GENERATED_FILE, 'utf8')).toBe(chatGeneratedFile());
  });

  it('offer blank and built-in rules that type-check against the editor\'s declarations (no DOM)', () => {
    expect(KAFKA_TEMPLATES.map((t) => t.id)).toEqual(['blank', 'adaptive', 'sticky', 'round-robin']);
    expect(CHAT_TEMPLATES.map((t) => t.id)).toEqual(['blank', 'exponential', 'full-jitter', 'decorrelated-jitter']);
    expect(KAFKA_TYPES_DTS).toMatch(/export interface KeylessPartitioner \{\n {2}choose\(input: PartitionChoiceInput\): PartitionChoice;/);
    expect(CHAT_TYPES_DTS).toMatch(/export interface BackoffPolicy \{[^}]*delayMs\(input: BackoffInput\): number;/);
    const kafka = typeCheck('kafka', KAFKA_TYPES_DTS, KAFKA_TEMPLATES, "import type { PartitionChoice } from './kafka';\nexport const c: PartitionChoice = { partition: '2' };\n");
    expect(kafka).toEqual([expect.stringMatching(/(^|\/)wrong\.ts\(2,37\): error TS2322: Type 'string' is not assignable to type 'number'/)]);
    const chat = typeCheck('chat', CHAT_TYPES_DTS, CHAT_TEMPLATES, "import type { BackoffPolicy } from './chat';\nexport const p: BackoffPolicy = { delayMs: () => fetch('x') };\n");
    expect(chat).toEqual([expect.stringMatching(/(^|\/)wrong\.ts\(2,50\): error TS2304: Cannot find name 'fetch'/)]);
  });
});
