import { describe, expect, it } from 'vitest';
import { PartitionLog, type BatchPayload } from '@/simulations/kafka/broker/log';
import { checkSequence, NUM_BATCHES_TO_RETAIN } from '@/simulations/kafka/broker/producerState';
import { canJoinIsr, isCaughtUp, nextHighWatermark, recordFetch } from '@/simulations/kafka/broker/isr';
import { electLeader, nextElr, shrinkIsrOnFence } from '@/simulations/kafka/broker/election';
import { BufferPool } from '@/simulations/kafka/producer/bufferPool';

let nextId = 0;
const payload = (n: number, seq = -1, epoch = -1): BatchPayload => ({
  batchId: nextId++, partition: 0, recordIds: Array.from({ length: n }, (_, i) => i), producerId: 1000, producerEpoch: epoch, baseSequence: seq, wireBytes: 100,
});

describe('log, leader epochs and truncation', () => {
  it('tracks LEO and epoch start offsets; endOffsetForEpoch answers like OffsetsForLeaderEpoch', () => {
    const log = new PartitionLog();
    log.appendAsLeader(payload(3), 0);
    log.appendAsLeader(payload(2), 0);
    log.assignEpoch(2, log.leo); // became leader in epoch 2 at offset 5
    log.appendAsLeader(payload(4), 2);
    expect(log.leo).toBe(9);
    expect(log.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 5 });
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 0, endOffset: 5 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 2, endOffset: 9 });
    const removed = log.truncateTo(5);
    expect(removed.map((e) => e.count)).toEqual([4]);
    expect(log.leo).toBe(5);
    expect(log.latestEpoch()).toBe(0);
  });

  it('remembers when this replica wrote each entry: a power loss cuts at the first entry written since then', () => {
    const log = new PartitionLog();
    log.appendAsLeader(payload(3), 0, 100);
    log.appendAsLeader(payload(2), 0, 200);
    log.appendAsLeader(payload(4), 0, 300);
    expect(log.offsetWrittenSince(150)).toBe(3);
    expect(log.offsetWrittenSince(200)).toBe(3);
    expect(log.offsetWrittenSince(0)).toBe(0);
    expect(log.offsetWrittenSince(301)).toBe(log.leo);
    log.truncateTo(3);
    // the write times follow the entries through truncation and re-append
    log.appendReplica({ baseOffset: 3, count: 1, leaderEpoch: 1, payload: payload(1) }, 500);
    expect(log.writtenAt).toEqual([100, 500]);
    expect(log.offsetWrittenSince(400)).toBe(3);
  });
});

describe('idempotent producer state (last 5 batches)', () => {
  it('deduplicates a retry inside the window, refuses gaps and old batches outside it', () => {
    const log = new PartitionLog();
    let seq = 0;
    const batches: BatchPayload[] = [];
    for (let i = 0; i < 7; i++) {
      const b = payload(2, seq, 0);
      expect(checkSequence(log, 1000, 0, seq, 2).kind).toBe('append');
      log.appendAsLeader(b, 0);
      batches.push(b);
      seq += 2;
    }
    const recent = batches[batches.length - NUM_BATCHES_TO_RETAIN];
    const dup = checkSequence(log, 1000, 0, recent.baseSequence, 2);
    expect(dup.kind).toBe('duplicate');
    expect(checkSequence(log, 1000, 0, batches[0].baseSequence, 2)).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(log, 1000, 0, seq + 2, 2)).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(log, 1000, 1, 0, 2).kind).toBe('append'); // epoch bump restarts at 0
    expect(checkSequence(log, 1000, 1, 4, 2)).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(new PartitionLog(), 1000, 0, 8, 2)).toEqual({ kind: 'error', error: 'UNKNOWN_PRODUCER_ID' });
  });
});

describe('ISR and high watermark rules', () => {
  it('caught up = at the leader LEO, or caught up within replica.lag.time.max.ms', () => {
    const f = { leo: 0, lastCaughtUpMs: 0, lastFetchMs: 0, lastFetchLeaderLeo: 0 };
    recordFetch(f, 10, 10, 1_000);
    expect(f.lastCaughtUpMs).toBe(1_000);
    recordFetch(f, 10, 20, 2_000); // behind, but reached the LEO of the previous fetch
    expect(f.lastCaughtUpMs).toBe(1_000);
    expect(isCaughtUp(f, 20, 31_000)).toBe(true);
    expect(isCaughtUp(f, 20, 31_001)).toBe(false);
  });
  it('joins only at >= HW and >= the leader epoch start offset, when eligible', () => {
    expect(canJoinIsr(10, 10, 5, true)).toBe(true);
    expect(canJoinIsr(9, 10, 5, true)).toBe(false);
    expect(canJoinIsr(10, 8, 11, true)).toBe(false);
    expect(canJoinIsr(10, 10, 5, false)).toBe(false);
  });
  it('HW = min LEO over the ISR, never backwards, frozen under min ISR in strict mode', () => {
    const leo: Record<number, number> = { 0: 10, 1: 7, 2: 12 };
    expect(nextHighWatermark(5, [0, 1, 2], (b) => leo[b], true, 2)).toBe(7);
    expect(nextHighWatermark(8, [0, 1], (b) => leo[b], true, 2)).toBe(8);
    expect(nextHighWatermark(5, [0], (b) => leo[b], true, 2)).toBe(5);
    expect(nextHighWatermark(5, [0], (b) => leo[b], false, 2)).toBe(10);
  });
  it('clean election picks a live ISR member; unclean any live replica; otherwise offline with the ISR kept', () => {
    const alive = (b: number) => b === 2;
    expect(electLeader([0, 1, 2], [0, 2], alive, false)).toEqual({ leader: 2, isr: [2], unclean: false });
    expect(electLeader([0, 1, 2], [0, 1], alive, false)).toEqual({ leader: -1, isr: [0, 1], unclean: false });
    expect(electLeader([0, 1, 2], [0, 1], alive, true)).toEqual({ leader: 2, isr: [2], unclean: true });
    expect(shrinkIsrOnFence([0], 0)).toEqual([0]);
    expect(shrinkIsrOnFence([0, 1], 0)).toEqual([1]);
  });
});

describe('buffer pool', () => {
  it('never lends more than buffer.memory and wakes the waiter when enough is free', () => {
    const pool = new BufferPool(100);
    let woke = 0;
    pool.onFree = () => void woke++;
    expect(pool.tryAllocate(60)).toBe(true);
    expect(pool.tryAllocate(50)).toBe(false);
    pool.waitingFor = 50;
    expect(pool.hasWaiters).toBe(true);
    pool.release(5);
    expect(woke).toBe(0);
    pool.release(10);
    expect(woke).toBe(1);
    expect(pool.maxUsed).toBe(60);
  });
});

describe('eligible leader replicas (KIP-966)', () => {
  it('a replica leaving the ISR while it is below min ISR becomes eligible; the ELR empties once the ISR is back', () => {
    expect(nextElr([0, 1, 2], [0, 2], [], 2)).toEqual([]); // ISR still at min ISR: 1 may lack committed data
    expect(nextElr([0, 2], [0], [], 2)).toEqual([2]);
    expect(nextElr([0, 1, 2], [0], [], 2)).toEqual([1, 2]);
    expect(nextElr([0], [0, 2], [1, 2], 3)).toEqual([1]); // 2 rejoined, still below 3
    expect(nextElr([0], [0, 2], [1, 2], 2)).toEqual([]);
  });

  it('elects from the ISR first, then a live ELR member, and only then uncleanly', () => {
    const alive = (xs: number[]) => (b: number) => xs.includes(b);
    expect(electLeader([0, 1, 2], [0], alive([0, 1, 2]), false, [1, 2])).toEqual({ leader: 0, isr: [0], unclean: false });
    expect(electLeader([0, 1, 2], [0], alive([1, 2]), false, [2])).toEqual({ leader: 2, isr: [2], unclean: false, fromElr: true });
    expect(electLeader([0, 1, 2], [0], alive([1]), true, [2])).toEqual({ leader: 1, isr: [1], unclean: true });
    expect(electLeader([0, 1, 2], [0], alive([1]), false, [2])).toEqual({ leader: -1, isr: [0], unclean: false });
  });
});
