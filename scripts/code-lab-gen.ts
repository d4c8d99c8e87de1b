/**
 * Generates code-lab/{abr,kafka,chat}/generated.ts: the editor's type
 * declarations and the starting templates, made from the real sources so they cannot drift
 * (tests/unit/code-lab/generated.test.ts regenerates and compares):
 * - ABR_TYPES_DTS: the interfaces of simulations/abr/algorithms/types.ts and the Video of
 *   simulations/abr/video/video.ts, verbatim, plus `Algorithm` (what the learner's
 *   createAlgorithm returns: a built-in's interface without its name);
 * - ABR_TEMPLATES: "blank" and one template per built-in algorithm: the built-in's own module(s),
 *   imports removed, with a createAlgorithm(env) that builds it with the lab's default knobs.
 * - KAFKA_TYPES_DTS / CHAT_TYPES_DTS: the interfaces of simulations/kafka/producer/keylessPartitioner.ts
 *   and simulations/chat/core/backoffPolicy.ts, verbatim;
 * - KAFKA_TEMPLATES / CHAT_TEMPLATES: the files of code-lab/{kafka,chat}/templates/ (blank, and
 *   built-in rules written against that interface; the repository type-checks them against the
 *   real types).
 *
 *   npx tsx scripts/code-lab-gen.ts          write the file
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALGORITHM_NAMES } from '../simulations/abr/constants';
import { DEFAULT_KNOBS } from '../simulations/abr/algorithms';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(ROOT, 'code-lab', 'abr', 'generated.ts');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** `export interface|function Name …` with its doc comment, brace-matched, from a source text. */
function declaration(source: string, kind: 'interface' | 'function', name: string): string {
  const start = source.search(new RegExp(`^export ${kind} ${name}\\b`, 'm'));
  if (start < 0) throw new Error(`code-lab-gen: no exported ${kind} ${name}`);
  let from = start;
  const before = source.slice(0, start);
  const doc = /\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n$/.exec(before);
  if (doc) from = start - doc[0].length;
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(from, i + 1);
  }
  throw new Error(`code-lab-gen: unbalanced ${name}`);
}

const TYPES = 'simulations/abr/algorithms/types.ts';
const VIDEO = 'simulations/abr/video/video.ts';

export function abrTypesDts(): string {
  const types = read(TYPES);
  const video = read(VIDEO);
  const names = ['ChunkObservation', 'DecisionInput', 'Thresholds', 'Decision', 'AbrAlgorithm', 'Quirks', 'PlanObjective', 'AlgorithmEnv'];
  return [
    `// The ABR lab's algorithm interface (${TYPES}, ${VIDEO}). Generated: do not edit.`,
    `export type AlgorithmName = ${ALGORITHM_NAMES.map((n) => `'${n}'`).join(' | ')};`,
    `export type RacerName = AlgorithmName | 'yours';`,
    declaration(video, 'interface', 'Video'),
    ...names.map((n) => declaration(types, 'interface', n)),
    '/** What your createAlgorithm(env) returns: a built-in algorithm\'s interface, without its name. */',
    "export type Algorithm = Omit<AbrAlgorithm, 'name'>;",
    '',
  ].join('\n\n');
}

const IMPORT_LINE = /^import [^\n]*\n/gm;
const HELPERS = () => ['highestRungAtMost', 'sampleKbps'].map((n) => declaration(read(TYPES), 'function', n)).join('\n\n');
const DETMATH_SHIM = `/**
 * The built-ins use DetMath (simulations/core/math.ts: log/exp/pow computed the same way in every
 * JavaScript engine). Inside the sandbox every run uses the same QuickJS, so Math already is.
 */
const DetMath = Math;`;

function body(path: string): string {
  return read(path).replace(IMPORT_LINE, '').trim();
}

const HEADER = (what: string) => `// ${what}
// Edit anything: createAlgorithm(env) is called once per player and race; decide() once per chunk.
import type { AbrAlgorithm, Algorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './abr';
`;

export interface TemplateSpec {
  id: string;
  label: string;
  source: string;
}

const BLANK = `// Your ABR algorithm. createAlgorithm(env) is called once per player and race; decide() once per
// chunk, with the buffer level now; observe() after every download. Types: hover or Ctrl+Space.
import type { Algorithm, AlgorithmEnv, ChunkObservation, Decision, DecisionInput } from './abr';

export function createAlgorithm(env: AlgorithmEnv): Algorithm {
  const ladder = env.video.bitratesKbps;
  const samplesKbps: number[] = [];
  return {
    startVideo() {
      samplesKbps.length = 0;
    },
    observe(obs: ChunkObservation) {
      samplesKbps.push((obs.bytes * 8) / obs.delayMs);
    },
    decide(input: DecisionInput): Decision {
      const estimateKbps = samplesKbps.length ? samplesKbps[samplesKbps.length - 1] : env.defaultEstimateKbps;
      let quality = 0;
      for (let q = 0; q < ladder.length; q++) if (ladder[q] <= 0.8 * estimateKbps) quality = q;
      return { quality, estimateKbps };
    },
  };
}
`;

/** `{ samples: 5, safety: 0.9 }`: a knobs object as TypeScript. */
function literal(knobs: object): string {
  return `{ ${Object.entries(knobs)
    .map(([key, v]) => `${key}: ${typeof v === 'string' ? `'${v}'` : String(v)}`)
    .join(', ')} }`;
}

export function abrTemplates(): TemplateSpec[] {
  const A = 'simulations/abr/algorithms/';
  const k = DEFAULT_KNOBS;
  const made = (id: string, label: string, parts: string[], call: string): TemplateSpec => ({
    id,
    label,
    source: `${HEADER(`${label}: the lab's built-in ${id} (${parts.filter((p) => p.endsWith('.ts')).join(', ')}), with the lab's default knobs.`)}\n${parts
      .map((p) => (p === 'helpers' ? HELPERS() : p === 'detmath' ? DETMATH_SHIM : body(A + p)))
      .join('\n\n')}\n\nexport function createAlgorithm(env: AlgorithmEnv): Algorithm {\n  return ${call};\n}\n`,
  });
  return [
    { id: 'blank', label: 'Blank', source: BLANK },
    made('rate', 'Rate-based', ['helpers', 'rate.ts'], `createRate(env, ${literal(k.rate)})`),
    made('bba', 'BBA', ['helpers', 'bba.ts'], `createBba(env, ${literal(k.bba)})`),
    made('bola', 'BOLA', ['helpers', 'detmath', 'ewma.ts', 'bola.ts'], `createBola(env, ${literal(k.bola)})`),
    made('ewma', 'Dual EWMA', ['helpers', 'detmath', 'ewma.ts'], `createEwma(env, ${literal(k.ewma)})`),
    made('mpc', 'MPC', ['mpc.ts'], `createMpc(env, ${literal(k.mpc)}, false)`),
    made('robustmpc', 'robustMPC', ['mpc.ts'], `createMpc(env, ${literal(k.mpc)}, true)`),
    made('dynamic', 'dash.js Dynamic', ['helpers', 'detmath', 'ewma.ts', 'bola.ts', 'dynamic.ts'], `createDynamic(env, ${literal(k.bola)})`),
  ];
}

export function generatedFile(): string {
  return `// Generated by scripts/code-lab-gen.ts from ${TYPES}, ${VIDEO} and the built-in algorithms.
// Do not edit: run \`npx tsx scripts/code-lab-gen.ts\` (a unit test fails when this file is stale).

/** The editor's declarations of the ABR algorithm interface (the file \`./abr\` templates import). */
export const ABR_TYPES_DTS = ${JSON.stringify(abrTypesDts())};

export interface AbrTemplate {
  id: string;
  label: string;
  source: string;
}

/** Starting points: blank, and each built-in algorithm as editable TypeScript. */
export const ABR_TEMPLATES: readonly AbrTemplate[] = ${JSON.stringify(abrTemplates(), null, 1)};
`;
}

/** A target whose interface file is verbatim declarations and whose templates are files in the repository. */
interface TargetSpec {
  /** `./kafka`: the module name the templates import, and the generated constants' prefix */
  module: string;
  prefix: string;
  what: string;
  interfaceFile: string;
  interfaces: readonly string[];
  /** template files (code-lab/<module>/templates/<id>.ts) in the order the editor offers them */
  templates: readonly (readonly [id: string, label: string])[];
}

const KAFKA: TargetSpec = {
  module: 'kafka',
  prefix: 'KAFKA',
  what: "the Kafka lab's keyless partitioner interface",
  interfaceFile: 'simulations/kafka/producer/keylessPartitioner.ts',
  interfaces: ['PartitionerEnv', 'PartitionChoiceInput', 'PartitionChoice', 'KeylessPartitioner'],
  templates: [
    ['blank', 'Blank'],
    ['adaptive', 'Adaptive (KIP-794)'],
    ['sticky', 'Sticky (KIP-480)'],
    ['round-robin', 'Round-robin'],
  ],
};

const CHAT: TargetSpec = {
  module: 'chat',
  prefix: 'CHAT',
  what: "the chat lab's reconnect backoff policy interface",
  interfaceFile: 'simulations/chat/core/backoffPolicy.ts',
  interfaces: ['BackoffEnv', 'BackoffInput', 'BackoffPolicy'],
  templates: [
    ['blank', 'Blank (fixed)'],
    ['exponential', 'Exponential, no jitter'],
    ['full-jitter', 'Full jitter'],
    ['decorrelated-jitter', 'Decorrelated jitter'],
  ],
};

export const KAFKA_GENERATED_FILE = join(ROOT, 'code-lab', 'kafka', 'generated.ts');
export const CHAT_GENERATED_FILE = join(ROOT, 'code-lab', 'chat', 'generated.ts');

function targetTypesDts(t: TargetSpec): string {
  const source = read(t.interfaceFile);
  return [`// ${t.what[0].toUpperCase()}${t.what.slice(1)} (${t.interfaceFile}). Generated: do not edit.`, ...t.interfaces.map((n) => declaration(source, 'interface', n)), ''].join('\n\n');
}

function targetGeneratedFile(t: TargetSpec): string {
  const dir = `code-lab/${t.module}/templates`;
  const templates = t.templates.map(([id, label]) => ({ id, label, source: read(`${dir}/${id}.ts`) }));
  const Name = `${t.module[0].toUpperCase()}${t.module.slice(1)}Template`;
  return `// Generated by scripts/code-lab-gen.ts from ${t.interfaceFile} and ${dir}/.
// Do not edit: run \`npx tsx scripts/code-lab-gen.ts\` (a unit test fails when this file is stale).

/** The editor's declarations of ${t.what} (the file \`./${t.module}\` templates import). */
export const ${t.prefix}_TYPES_DTS = ${JSON.stringify(targetTypesDts(t))};

export interface ${Name} {
  id: string;
  label: string;
  source: string;
}

/** Starting points: blank, and built-in rules as editable TypeScript. */
export const ${t.prefix}_TEMPLATES: readonly ${Name}[] = ${JSON.stringify(templates, null, 1)};
`;
}

export const kafkaGeneratedFile = () => targetGeneratedFile(KAFKA);
export const chatGeneratedFile = () => targetGeneratedFile(CHAT);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of [
    [GENERATED_FILE, generatedFile()],
    [KAFKA_GENERATED_FILE, kafkaGeneratedFile()],
    [CHAT_GENERATED_FILE, chatGeneratedFile()],
  ] as const) {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
