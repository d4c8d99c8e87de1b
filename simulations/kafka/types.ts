/**
 * Shared shapes between producer, brokers, controller and consumer, and the event types the lab
 * records (per batch or per cluster change, never per record).
 */
import type { Scheduler } from '../core/scheduler';
import type { Network } from './net/network';
import type { ResolvedConfig } from './config';
import type { BatchPayload, LogEntry } from './broker/log';

export type ErrorCode =
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'MESSAGE_TOO_LARGE'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'UNKNOWN_PRODUCER_ID'
  | 'INVALID_PRODUCER_EPOCH'
  | 'REQUEST_TIMED_OUT'
  | 'NETWORK_EXCEPTION';

export interface ProduceRequest {
  id: number;
  node: number;
  batches: BatchPayload[];
  acks: -1 | 0 | 1;
  bytes: number;
  sentMs: number;
  connGen: number;
}

export interface PartitionResult {
  error: ErrorCode | null;
  baseOffset: number;
}

export type KafkaEvent =
  | { type: 'config-note'; text: string }
  | { type: 'config-error'; text: string }
  | { type: 'batch-sent'; batch: number; partition: number; records: number; bytes: number; uncompressedBytes: number; ageMs: number; node: number; attempt: number; request: number; requestBytes: number; exhausted: boolean; closing: boolean; queueFull: boolean; drainGated: boolean }
  | { type: 'batch-acked'; batch: number; partition: number; records: number; offset: number; latencyMs: number }
  | { type: 'batch-retry'; batch: number; partition: number; error: ErrorCode; attempt: number }
  | { type: 'batch-expired'; batch: number; partition: number; records: number; inFlight: boolean; text: string }
  | { type: 'batch-failed'; batch: number; partition: number; records: number; error: string; dropped: boolean }
  | { type: 'batch-split'; batch: number; partition: number; pieces: number }
  | { type: 'records-dropped'; count: number }
  | { type: 'records-rejected'; count: number; error: string }
  | { type: 'send-blocked'; partition: number }
  | { type: 'send-unblocked'; blockedMs: number; exhausted: boolean }
  | { type: 'epoch-bump'; producerEpoch: number; partition: number }
  | { type: 'fault'; fault: string; broker: number; detail?: string }
  | { type: 'fault-healed'; fault: string; broker: number }
  | { type: 'broker-state'; broker: number; state: string }
  | { type: 'broker-fenced'; broker: number }
  | { type: 'broker-registered'; broker: number }
  | { type: 'leader-elected'; partition: number; leader: number; leaderEpoch: number; isr: number[]; unclean: boolean; fromElr?: boolean }
  | { type: 'partition-offline'; partition: number; leaderEpoch: number; isr: number[] }
  | { type: 'isr-change'; partition: number; isr: number[]; reason: 'shrink' | 'expand' | 'fenced' }
  | { type: 'truncate'; partition: number; broker: number; toOffset: number; removedRecords: number }
  | { type: 'acked-lost'; partition: number; records: number; cause: string }
  | { type: 'not-enough-replicas'; partition: number; isr: number; afterAppend: boolean }
  | { type: 'consumer-truncation'; partition: number; offset: number }
  | { type: 'metadata-update' }
  | { type: 'producer-disconnect'; node: number; reason: string; requests: number };

export interface EventSink {
  log(e: KafkaEvent): void;
}

/**
 * Optional observation points on the replication path (tests, verdicts). Called synchronously at
 * the moment the rule applies, so a checker sees exactly the state the broker decided on.
 */
export interface ReplicationHooks {
  leaderAppend?(partition: number, broker: number, acks: -1 | 0 | 1, isrSize: number, baseOffset: number, count: number, leaderEpoch: number, payload: BatchPayload): void;
  hwAdvanced?(partition: number, broker: number, from: number, to: number, isr: readonly number[], leaderEpoch: number): void;
  ackAllSucceeded?(partition: number, broker: number, requiredOffset: number, isr: readonly number[], followerLeo: (b: number) => number): void;
  truncated?(partition: number, broker: number, toOffset: number, removed: readonly LogEntry[]): void;
}

export interface ClusterEnv {
  scheduler: Scheduler;
  net: Network;
  cfg: ResolvedConfig;
  events: EventSink;
  hooks?: ReplicationHooks;
}
