/**
 * An audio call over a lossy UDP path with a fixed jitter buffer. The sender emits one packet per
 * PACKET_MS (Opus's default 20 ms frame); each packet is lost with probability `loss` or arrives
 * after `baseDelayMs` + an exponential queueing delay of mean `jitterMs`. The receiver plays packet
 * i at send(i) + baseDelayMs + bufferMs: a packet arriving after its slot is as good as lost (the
 * decoder conceals it). A deeper buffer loses fewer late packets and adds its depth to mouth-to-ear.
 */
import { DetMath } from '../../core/math';
import type { RandomStream } from '../../core/rng';

export const PACKET_MS = 20;

export interface AudioPathConfig {
  baseDelayMs: number;
  jitterMs: number;
  loss: number;
  bufferMs: number;
}

export type PacketOutcome = 'played' | 'late' | 'lost';

export interface AudioPacket {
  seq: number;
  sentMs: number;
  /** one-way network delay, ms (null when the path dropped it) */
  delayMs: number | null;
  playoutMs: number;
  outcome: PacketOutcome;
}

/** Delay the talker's voice takes to the listener's ear: packetisation + network base + the buffer. */
export function mouthToEarMs(config: AudioPathConfig): number {
  return PACKET_MS + config.baseDelayMs + config.bufferMs;
}

/** P(arrived but late) for exponential jitter: P(jitter > buffer) = e^(−B/μ). */
export function lateProbability(config: AudioPathConfig): number {
  if (config.jitterMs === 0) return 0;
  return DetMath.exp(-config.bufferMs / config.jitterMs);
}

/** Packets the listener never hears, as a share: lost on the path, or late. */
export function expectedUnplayable(config: AudioPathConfig): number {
  return config.loss + (1 - config.loss) * lateProbability(config);
}

export function sendPacket(seq: number, config: AudioPathConfig, path: RandomStream): AudioPacket {
  const sentMs = seq * PACKET_MS;
  const playoutMs = sentMs + config.baseDelayMs + config.bufferMs;
  // draw both numbers for every packet, so changing the loss does not reshuffle the delays
  const dropped = path.next() < config.loss;
  const jitter = config.jitterMs > 0 ? path.exponential(1 / config.jitterMs) : 0;
  if (dropped) return { seq, sentMs, delayMs: null, playoutMs, outcome: 'lost' };
  const delayMs = config.baseDelayMs + jitter;
  return { seq, sentMs, delayMs, playoutMs, outcome: sentMs + delayMs <= playoutMs ? 'played' : 'late' };
}
