import type { Recorder } from '../../core/recorder';
import type { Thresholds } from '../algorithms/types';
import type { ChunkRecord } from '../session/types';
import { seriesName, type AbrEvent, type AbrSeriesName, type PlayerSeriesKey, type PlayerSlot } from './series';

export interface RequestInfo {
  index: number;
  quality: number;
  bitrateKbps: number;
  bufferS: number;
  estimateKbps: number | null;
  thresholds: Thresholds | null;
  rule: string | null;
}

/** Writes one player's series and events. All methods record at the recorder's current time. */
export class PlayerRecording {
  private lastQuality = -1;
  private stallStartedAt = NaN;
  private stallChunk = 0;
  private qoe = 0;
  private qoeAll = 0;
  private bitrate = 0;
  private rebuffer = 0;
  private switching = 0;

  constructor(
    private readonly recorder: Recorder<AbrEvent, AbrSeriesName>,
    readonly slot: PlayerSlot,
    private readonly now: () => number,
  ) {}

  private s(key: PlayerSeriesKey, v: number): void {
    this.recorder.sample(seriesName(this.slot, key), v);
  }

  request(r: RequestInfo): void {
    const player = this.slot;
    if (this.lastQuality >= 0 && r.quality !== this.lastQuality) {
      this.recorder.log({ type: 'switch', player, chunk: r.index, from: this.lastQuality, to: r.quality });
    }
    this.lastQuality = r.quality;
    this.recorder.log({ type: 'request', player, chunk: r.index, quality: r.quality, bitrateKbps: r.bitrateKbps, estimateKbps: r.estimateKbps, rule: r.rule });
    this.s('bitrateKbps', r.bitrateKbps);
    this.s('bufferS', r.bufferS);
    if (r.estimateKbps !== null) this.s('estimateKbps', r.estimateKbps);
    const th = r.thresholds;
    if (th) {
      if (th.reservoirS !== undefined) this.s('reservoirS', th.reservoirS);
      if (th.upperS !== undefined) this.s('upperS', th.upperS);
      if (th.bolaTargetS !== undefined) this.s('bolaTargetS', th.bolaTargetS);
      if (th.placeholderS !== undefined) this.s('placeholderS', th.placeholderS);
    }
  }

  complete(c: ChunkRecord, bufferBeforeAppendS: number): void {
    this.recorder.log({ type: 'complete', player: this.slot, chunk: c.index, quality: c.quality, delayMs: c.delayMs, rebufferS: c.rebufferS, bufferS: c.bufferS, reward: c.reward });
    this.s('bufferS', bufferBeforeAppendS);
    this.s('bufferS', c.bufferS);
    this.s('throughputKbps', (c.bytes * 8) / c.delayMs);
    this.qoeAll += c.reward;
    if (c.index > 0) {
      this.qoe += c.reward;
      this.bitrate += c.bitrateTerm;
      this.rebuffer += c.rebufferTerm;
      this.switching += c.switchTerm;
    }
    this.s('qoe', this.qoe);
    this.s('qoeAll', this.qoeAll);
    this.s('qoe.bitrate', this.bitrate);
    this.s('qoe.rebuffer', this.rebuffer);
    this.s('qoe.switch', this.switching);
  }

  playbackStart(startupDelayS: number): void {
    this.recorder.log({ type: 'playback-start', player: this.slot, startupDelayS });
  }

  stallStart(chunk: number): void {
    this.stallStartedAt = this.now();
    this.stallChunk = chunk;
    this.s('bufferS', 0);
    this.recorder.log({ type: 'stall-start', player: this.slot, chunk });
  }

  stallEnd(): void {
    this.recorder.log({ type: 'stall-end', player: this.slot, chunk: this.stallChunk, durationS: (this.now() - this.stallStartedAt) / 1000 });
  }

  idleStart(reason: 'buffer-full' | 'bola-wait', bufferS: number): void {
    this.s('bufferS', bufferS);
    this.recorder.log({ type: 'idle-start', player: this.slot, reason });
  }

  idleEnd(bufferS: number): void {
    this.s('bufferS', bufferS);
    this.recorder.log({ type: 'idle-end', player: this.slot });
  }

  ended(): void {
    this.s('bufferS', 0);
    this.recorder.log({ type: 'ended', player: this.slot });
  }

  seek(toChunk: number): void {
    this.s('bufferS', 0);
    this.lastQuality = -1;
    this.recorder.log({ type: 'seek', player: this.slot, toChunk });
  }
}
