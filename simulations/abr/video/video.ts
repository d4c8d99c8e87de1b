/**
 * The video: a bitrate ladder, a chunk duration and the size in bytes of every chunk at every
 * quality. Sizes come from chunk-size files in the reference format (`video_size_<q>`, one integer
 * per line, line i = chunk i) or from a seeded CBR/VBR generator.
 *
 * `sizes[q]` holds chunkCount + 1 entries: the last one is never played, but the reference MPC's
 * one-chunk-ahead look-up reads it (abr-simulator.md §4.2 step 5).
 */
import type { RandomStream } from '../../core/rng';
import { REFERENCE } from '../constants';

export interface Video {
  name: string;
  bitratesKbps: readonly number[];
  chunkDurationS: number;
  /** Chunks played. */
  chunkCount: number;
  sizes: readonly Float64Array[];
}

export const LADDERS = {
  /** Pensieve's test video (abr-simulator.md §5). */
  pensieve: REFERENCE.bitratesKbps,
  /** Netflix's pre-2015 fixed ladder (the one per-title encoding replaced), kbps. */
  netflix2015: [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800],
  /** A sparse three-rung ladder: big jumps make every switch visible. */
  threeRung: [400, 1500, 4500],
} as const satisfies Record<string, readonly number[]>;
export type LadderName = keyof typeof LADDERS;
export const LADDER_NAMES = Object.keys(LADDERS) as LadderName[];

export class VideoFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'VideoFormatError';
  }
}

export function parseChunkSizes(text: string, file: string): number[] {
  const out: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    if (!/^\d+(\.0*)?$/.test(raw)) throw new VideoFormatError(file, i + 1, `expected a chunk size in bytes, got ${JSON.stringify(raw)}`);
    const v = Number(raw);
    if (!(v > 0)) throw new VideoFormatError(file, i + 1, 'chunk size must be positive');
    out.push(v);
  }
  if (out.length < 2) throw new VideoFormatError(file, 1, 'needs at least two chunk sizes (the last one is the look-ahead entry)');
  return out;
}

export interface FolderReader {
  readFile(path: string): string;
  readDir(path: string): string[];
}

/**
 * Read `video_size_0..N-1` from a folder. The ladder defaults to Pensieve's and must have one rung
 * per file. Every file must have the same number of lines; the last line is look-ahead only.
 */
export function loadVideoFolder(io: FolderReader, dir: string, bitratesKbps: readonly number[] = REFERENCE.bitratesKbps, chunkDurationS = 4): Video {
  const files = io.readDir(dir).filter((f) => /^video_size_\d+$/.test(f));
  const byQuality = new Map<number, string>();
  for (const f of files) byQuality.set(Number(f.slice('video_size_'.length)), f);
  if (byQuality.size !== bitratesKbps.length) {
    throw new VideoFormatError(dir, 0, `expected ${bitratesKbps.length} files video_size_0..${bitratesKbps.length - 1} (one per ladder rung), found ${byQuality.size}`);
  }
  const sizes: Float64Array[] = [];
  let length = -1;
  for (let q = 0; q < bitratesKbps.length; q++) {
    const f = byQuality.get(q);
    if (f === undefined) throw new VideoFormatError(dir, 0, `missing video_size_${q}`);
    const path = joinPath(dir, f);
    const s = parseChunkSizes(io.readFile(path), path);
    if (length >= 0 && s.length !== length) throw new VideoFormatError(path, s.length, `has ${s.length} chunk sizes, video_size_0 has ${length}`);
    length = s.length;
    sizes.push(Float64Array.from(s));
  }
  return { name: dir, bitratesKbps, chunkDurationS, chunkCount: length - 1, sizes };
}

export interface SyntheticVideoSpec {
  bitratesKbps: readonly number[];
  chunkDurationS: number;
  chunkCount: number;
  /** 0 = CBR (every chunk exactly bitrate × duration); otherwise the lognormal sigma of a per-chunk scene-complexity factor shared by all rungs. */
  vbr: number;
}

export function syntheticVideo(spec: SyntheticVideoSpec, rng: RandomStream): Video {
  const n = spec.chunkCount + 1;
  const complexity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = spec.vbr > 0 ? rng.lognormal((-spec.vbr * spec.vbr) / 2, spec.vbr) : 1;
    complexity[i] = Math.min(3, Math.max(0.3, c));
  }
  const sizes = spec.bitratesKbps.map((kbps) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = Math.round(((kbps * 1000) / 8) * spec.chunkDurationS * complexity[i]);
    return a;
  });
  return {
    name: `synthetic-${spec.vbr > 0 ? 'vbr' : 'cbr'}`,
    bitratesKbps: spec.bitratesKbps,
    chunkDurationS: spec.chunkDurationS,
    chunkCount: spec.chunkCount,
    sizes,
  };
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
