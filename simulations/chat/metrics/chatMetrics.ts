/**
 * What the run counts: every part adds to these as it works (sends, socket writes, heartbeats,
 * presence traffic, connect attempts and reconnect episodes), plus the latency histograms and the
 * bounded activity samples the view animates. Plain counters: no randomness, nothing scheduled.
 */
import { LatencyHistogram } from './latencyHistogram';
import { activityBucketMs, PresenceSample, WriteSample } from './activity';

export class ChatMetrics {
  sends = 0;
  groupSends = 0;
  socketWrites = 0;
  realtimeWrites = 0;
  syncWrites = 0;
  lostWrites = 0;
  pushes = 0;
  heartbeats = 0;
  presenceChanges = 0;
  presenceDeliveries = 0;
  attempts = 0;
  faultAttempts = 0;
  episodes = 0;
  openEpisodes = 0;
  rejected = { backlog: 0, capacity: 0, unreachable: 0, noGateway: 0 };
  slowDisconnects = 0;
  idleDisconnects = 0;
  deadPeerCloses = 0;
  connectedDevices = 0;
  peakConnectedDevices = 0;
  /** devices of users who want to be online (what the fleet must hold) */
  demandDevices = 0;
  peakDemandDevices = 0;
  firstFaultAt = -1;
  lastEpisodeEndAt = -1;
  recoverMs: number | null = null;
  readonly latency = new LatencyHistogram();
  readonly windowLatency = new LatencyHistogram();
  readonly syncLatency = new LatencyHistogram();
  /** connect attempts per whole virtual second */
  readonly attemptsPerSecond: Float64Array;
  /** bounded samples of recent writes and presence changes, for the lab view's animation */
  readonly recentWrites: WriteSample;
  readonly recentPresence: PresenceSample;

  constructor(durationMs: number) {
    this.attemptsPerSecond = new Float64Array(Math.ceil(durationMs / 1000) + 2);
    this.recentWrites = new WriteSample(1024, activityBucketMs(durationMs), 8);
    this.recentPresence = new PresenceSample(256, activityBucketMs(durationMs), 2);
  }

  demandChange(delta: number): void {
    this.demandDevices += delta;
    if (this.demandDevices > this.peakDemandDevices) this.peakDemandDevices = this.demandDevices;
  }

  countAttempt(now: number, inEpisode: boolean): void {
    this.attempts++;
    if (inEpisode) this.faultAttempts++;
    const sec = Math.floor(now / 1000);
    if (sec < this.attemptsPerSecond.length) this.attemptsPerSecond[sec]++;
  }

  peakAttemptsPerSec(): number {
    let peak = 0;
    for (let i = 0; i < this.attemptsPerSecond.length; i++) peak = Math.max(peak, this.attemptsPerSecond[i]);
    return peak;
  }
}
