/** Types of scripts/cli-bundle.mjs (plain JavaScript so that `npm run sim` needs no TypeScript loader). */
import type { BuildOptions } from 'esbuild';

export const ROOT: string;
export const BUNDLE: string;
export const INPUTS: string;
export function buildOptions(outfile?: string): BuildOptions & { write: false; metafile: true };
export function buildCli(outfile?: string): Promise<{ outfile: string; inputsFile: string; bytes: number; inputs: number; ms: number }>;
export function staleReason(outfile?: string): string | null;
export function ensureCli(outfile?: string): Promise<string | null>;
