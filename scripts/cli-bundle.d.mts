/** Types of scripts/cli-bundle.mjs (plain JavaScript so that `npm run sim` needs no TypeScript loader). */
import type { BuildOptions } from 'esbuild';

export const ROOT: string;
export const BUNDLE: string;
export function inputsFileOf(outfile?: string): string;
export function buildOptions(outfile?: string): BuildOptions & { write: false; metafile: true };
export function buildCli(outfile?: string): Promise<{
  outfile: string;
  inputsFile: string;
  /** Every file written: the entry and its chunks. */
  outputs: string[];
  bytes: number;
  totalBytes: number;
  inputs: number;
  ms: number;
}>;
export function staleReason(outfile?: string): string | null;
export function ensureCli(outfile?: string): Promise<string | null>;
