/**
 * The first mile: encoder → ingest server, one media unit at a time, in order.
 *
 * - RTMP / RTMPS ride one TCP connection: a lost packet holds back every byte behind it until the
 *   retransmission arrives (head-of-line blocking, ~1 RTT), and loss caps the throughput (Mathis et
 *   al. 1997: rate ≤ MSS/RTT × 1.22/√p). If that cap is below the bitrate, a backlog builds and the
 *   delay grows without bound. RTMPS adds TLS: encryption, not latency, once connected.
 * - SRT (draft-sharabayko-srt §4.5, TSBPD): every packet is delivered exactly `latency` after it was
 *   sent; a lost packet is NAKed and resent (~1 RTT each) while that window allows, else dropped
 *   ("too-late packet drop"). Delay is constant; loss costs picture, not time.
 * - WebRTC / WHIP: RTP over UDP; one NACK round trip fits if RTT ≤ the jitter buffer, otherwise the
 *   frame is concealed.
 * - HLS push (YouTube HLS ingest): the encoder PUTs whole segments over HTTP/TCP, so a unit waits for
 *   its ingest segment to finish, then for the upload.
 */
import type { RandomStream } from '../../core/rng';
import { DetMath } from '../../core/math';
import { encodeMs, RTP_PAYLOAD_BYTES, SRT_PAYLOAD_BYTES, TCP_MSS_BYTES, type StreamConfig } from './stream';

export interface FirstMileDelivery {
  /** when the unit's last byte reaches the ingest server (ms) */
  deliveredMs: number;
  /** packets the unit was sent in */
  packets: number;
  /** packets lost at least once */
  lost: number;
  /** lost packets never recovered (SRT too-late drop, WebRTC concealment) */
  unrecovered: number;
  /** extra delay the losses caused (TCP head-of-line blocking) */
  holMs: number;
  /** how far the sender is behind the encoder (a TCP backlog), ms */
  backlogMs: number;
}

/** TCP throughput under random loss (Mathis et al.), bit/s; unbounded without loss. */
export function mathisRateBps(rttMs: number, loss: number): number {
  if (loss <= 0) return Infinity;
  return ((TCP_MSS_BYTES * 8) / (rttMs / 1000)) * (1.22 / Math.sqrt(loss));
}

/** What TCP can carry on this link: the uplink, or less under loss. */
export const tcpRateBps = (c: StreamConfig) => Math.min(c.uplinkBps, mathisRateBps(c.rttMs, c.loss));

/** SRT retransmission rounds that fit in its latency window after the one-way trip. */
export function srtRetries(c: StreamConfig): number {
  return Math.max(0, Math.floor((c.srtLatencyMs - c.rttMs / 2) / c.rttMs));
}

/** Probability an SRT packet is lost on every try the window allows. */
export const srtDropProbability = (c: StreamConfig) => DetMath.pow(c.loss, 1 + srtRetries(c));

/** Expected head-of-line delay TCP adds to a unit of `packets`: one RTT if any of them is lost. */
export const expectedHolMs = (c: StreamConfig, packets: number) => c.rttMs * (1 - DetMath.pow(1 - c.loss, packets));

export const packetsOf = (bytes: number, payload: number) => Math.max(1, Math.ceil(bytes / payload));

/** The first mile's delay for a unit on an ideal link (no loss, no backlog): what the budget shows. */
export function nominalFirstMileMs(c: StreamConfig): number {
  switch (c.ingest) {
    case 'rtmp':
    case 'rtmps':
    case 'whip':
      return c.rttMs / 2;
    case 'srt':
      return Math.max(c.srtLatencyMs, c.rttMs / 2);
    case 'hls-push':
      return (c.bitrateBps * c.ingestSegmentMs) / c.uplinkBps + c.rttMs / 2;
  }
}

/** Sends units in order; state is the sender's clock (when its last byte left). */
export class FirstMile {
  private sendClockMs = 0;
  private lastDeliveredMs = 0;
  private pushedUpToMs = 0;
  private pushDeliveredMs = 0;

  constructor(
    private readonly c: StreamConfig,
    private readonly loss: RandomStream,
  ) {}

  /** Lost packets among `n`, each lost with probability `p` (binomial, by the Poisson approximation for large n). */
  private losses(n: number, p: number): number {
    if (p <= 0) return 0;
    if (n <= 64) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.loss.bernoulli(p)) k++;
      return k;
    }
    return Math.min(n, this.loss.poisson(n * p));
  }

  private send(readyMs: number, bytes: number, rateBps: number): number {
    this.sendClockMs = Math.max(readyMs, this.sendClockMs + (bytes * 8000) / rateBps);
    return this.sendClockMs;
  }

  deliver(unitEndMs: number, bytes: number): FirstMileDelivery {
    const c = this.c;
    const encodedMs = unitEndMs + encodeMs(c);
    switch (c.ingest) {
      case 'rtmp':
      case 'rtmps': {
        const packets = packetsOf(bytes, TCP_MSS_BYTES);
        const lost = this.losses(packets, c.loss);
        const sentMs = this.send(encodedMs, bytes, tcpRateBps(c));
        const holMs = lost > 0 ? c.rttMs : 0;
        const deliveredMs = Math.max(this.lastDeliveredMs, sentMs + c.rttMs / 2 + holMs);
        this.lastDeliveredMs = deliveredMs;
        return { deliveredMs, packets, lost, unrecovered: 0, holMs, backlogMs: sentMs - encodedMs };
      }
      case 'srt': {
        const packets = packetsOf(bytes, SRT_PAYLOAD_BYTES);
        const lost = this.losses(packets, c.loss);
        // each lost packet gets `srtRetries` more tries inside the window; it is dropped if all are lost too
        const unrecovered = this.losses(lost, DetMath.pow(c.loss, srtRetries(c)));
        const sentMs = this.send(encodedMs, bytes * (1 + c.loss), c.uplinkBps);
        const deliveredMs = Math.max(this.lastDeliveredMs, encodedMs + c.srtLatencyMs, sentMs + c.rttMs / 2);
        this.lastDeliveredMs = deliveredMs;
        return { deliveredMs, packets, lost, unrecovered, holMs: 0, backlogMs: sentMs - encodedMs };
      }
      case 'whip': {
        const packets = packetsOf(bytes, RTP_PAYLOAD_BYTES);
        const lost = this.losses(packets, c.loss);
        const unrecovered = c.rttMs <= c.jitterBufferMs ? 0 : lost;
        const sentMs = this.send(encodedMs, bytes, c.uplinkBps);
        const deliveredMs = Math.max(this.lastDeliveredMs, sentMs + c.rttMs / 2);
        this.lastDeliveredMs = deliveredMs;
        return { deliveredMs, packets, lost, unrecovered, holMs: 0, backlogMs: sentMs - encodedMs };
      }
      case 'hls-push': {
        // the unit leaves with the ingest segment that contains its end
        const segmentEndMs = Math.ceil(unitEndMs / c.ingestSegmentMs - 1e-9) * c.ingestSegmentMs;
        const segmentBytes = (c.bitrateBps * c.ingestSegmentMs) / 8000;
        const packets = packetsOf(segmentBytes, TCP_MSS_BYTES);
        let lost = 0;
        let holMs = 0;
        if (segmentEndMs > this.pushedUpToMs) {
          lost = this.losses(packets, c.loss);
          holMs = lost > 0 ? c.rttMs : 0;
          // a whole segment starts uploading once it is complete (unlike a stream, sent as it is encoded)
          this.sendClockMs = Math.max(segmentEndMs + encodeMs(c), this.sendClockMs) + (segmentBytes * 8000) / tcpRateBps(c);
          const sentMs = this.sendClockMs;
          this.pushDeliveredMs = Math.max(this.pushDeliveredMs, sentMs + c.rttMs / 2 + holMs);
          this.pushedUpToMs = segmentEndMs;
        }
        return { deliveredMs: this.pushDeliveredMs, packets, lost, unrecovered: 0, holMs, backlogMs: Math.max(0, this.sendClockMs - segmentEndMs - encodeMs(c) - (segmentBytes * 8000) / tcpRateBps(c)) };
      }
    }
  }
}
