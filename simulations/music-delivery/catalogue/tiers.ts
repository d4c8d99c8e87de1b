/**
 * Audio quality tiers (research §5.1: Spotify Support "Audio quality"). Lossless is FLAC up to
 * 24-bit/44.1 kHz: its bitrate depends on the music; ~1,100 kbit/s is our estimate for 16–24-bit
 * FLAC at ~55–70 % of the 1,411–2,117 kbit/s PCM rate [derived, not a published figure].
 */
export const TIERS = {
  low: { kbps: 24, label: 'Low (24 kbit/s)' },
  normal: { kbps: 96, label: 'Normal (96 kbit/s)' },
  high: { kbps: 160, label: 'High (160 kbit/s)' },
  'very-high': { kbps: 320, label: 'Very high (320 kbit/s)' },
  lossless: { kbps: 1100, label: 'Lossless FLAC (~1,100 kbit/s)' },
} as const;
export type Tier = keyof typeof TIERS;
export const TIER_NAMES = Object.keys(TIERS) as Tier[];

/** Every track lasts this long: a typical 3½-minute song. */
export const TRACK_SECONDS = 210;

export function trackBytes(tier: Tier): number {
  return (TIERS[tier].kbps * 1000 * TRACK_SECONDS) / 8;
}

export function secondsToBytes(tier: Tier, seconds: number): number {
  return (TIERS[tier].kbps * 1000 * seconds) / 8;
}
