/** Types of scripts/check-deps.mjs (plain JavaScript: CI runs it with node alone). */
export const ALLOWED_LICENSES: Set<string>;
export const EXCEPTIONS: [RegExp, RegExp, string][];
export function licenseAllowed(expression: string): boolean;
export function lintLockfile(lock: unknown, pkg: unknown): string[];
export function checkLicenses(lock: unknown): { problems: string[]; checked: number };
export function auditSignatures(dir: string): { status: 'ok' | 'unreachable' | 'failed'; output: string };
