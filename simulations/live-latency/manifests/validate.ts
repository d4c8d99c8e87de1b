/**
 * The validator rules a generated (or parsed) HLS media playlist must meet. Takes plain numbers, so
 * the same rules check our generator's config and what m3u8-parser reads back.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface ManifestCheck {
  id: 'target-duration' | 'part-target' | 'part-hold-back' | 'hold-back';
  status: CheckStatus;
  /** one line a learner reads: the rule, the values, the source */
  text: string;
}

export interface HlsPlaylistFacts {
  targetDuration: number;
  segmentDurations: readonly number[];
  /** LL-HLS only */
  partTarget?: number;
  partDurations?: readonly number[];
  partHoldBack?: number;
  /** absent: the default 3 × TARGETDURATION applies */
  holdBack?: number;
}

/** HOLD-BACK when the playlist does not say (rfc8216bis §4.4.3.8): three target durations. */
export const defaultHoldBack = (targetDuration: number) => 3 * targetDuration;

export function checkHlsPlaylist(f: HlsPlaylistFacts): ManifestCheck[] {
  const checks: ManifestCheck[] = [];
  const longest = f.segmentDurations.reduce((m, d) => Math.max(m, d), 0);
  const tdOk = f.segmentDurations.every((d) => Math.round(d) <= f.targetDuration);
  checks.push({
    id: 'target-duration',
    status: tdOk ? 'pass' : 'fail',
    text: `Every EXTINF rounded (longest ${longest} s → ${Math.round(longest)}) ≤ TARGETDURATION ${f.targetDuration} (RFC 8216 §4.3.3.1)`,
  });
  const holdBack = f.holdBack ?? defaultHoldBack(f.targetDuration);
  checks.push({
    id: 'hold-back',
    status: holdBack >= 3 * f.targetDuration ? 'pass' : 'fail',
    text: `HOLD-BACK ${holdBack} s${f.holdBack === undefined ? ' (default 3 × TD)' : ''} ≥ 3 × TARGETDURATION = ${3 * f.targetDuration} s (rfc8216bis §4.4.3.8)`,
  });
  if (f.partTarget !== undefined) {
    const parts = f.partDurations ?? [];
    checks.push({
      id: 'part-target',
      status: parts.every((d) => d <= f.partTarget! + 1e-9) ? 'pass' : 'fail',
      text: `Every EXT-X-PART DURATION ≤ PART-TARGET ${f.partTarget} s (rfc8216bis §4.4.3.7)`,
    });
    const phb = f.partHoldBack ?? Number.NaN;
    const ratio = phb / f.partTarget;
    checks.push({
      id: 'part-hold-back',
      status: !(ratio >= 2 - 1e-9) ? 'fail' : ratio >= 3 - 1e-9 ? 'pass' : 'warn',
      text: `PART-HOLD-BACK ${phb} s = ${+ratio.toFixed(2)} × PART-TARGET: MUST be ≥ 2 ×, SHOULD be ≥ 3 × (rfc8216bis §4.4.3.8)`,
    });
  }
  return checks;
}
