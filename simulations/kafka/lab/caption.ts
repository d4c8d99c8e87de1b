/**
 * `lab.caption`: one line a learner reads for each event the Kafka lab logs, null for bookkeeping
 * (metadata refreshes). A plain function of the event. Numbers that could be missing print as "?",
 * never as NaN, null or undefined.
 */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { KafkaEvent } from '../types';

function n(x: number | undefined | null, digits = 0): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '?';
  return numberText(x, digits);
}

function bytes(x: number): string {
  if (!Number.isFinite(x)) return '?';
  if (x >= 1024 * 1024) return `${n(x / (1024 * 1024), 1)} MiB`;
  if (x >= 1024) return `${n(x / 1024, 1)} KiB`;
  return `${n(x)} B`;
}

const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;
const isr = (list: readonly number[]) => `{${list.join(', ')}}`;

export function kafkaCaption(e: Logged<KafkaEvent>): string | null {
  switch (e.type) {
    case 'config-note':
      return `Note: ${e.text}`;
    case 'config-error':
      return `Kafka refuses this configuration: ${e.text}`;
    case 'batch-sent':
      return `Batch ${n(e.batch)} sent to broker ${n(e.node)}: ${plural(e.records, 'record')} for partition ${n(e.partition)} (${bytes(e.bytes)}${e.attempt > 1 ? `, attempt ${n(e.attempt)}` : ''}, waited ${n(e.ageMs, 1)} ms)`;
    case 'batch-acked':
      return e.offset >= 0
        ? `Batch ${n(e.batch)} acknowledged: partition ${n(e.partition)}, offsets ${n(e.offset)}–${n(e.offset + e.records - 1)}, ${n(e.latencyMs, 1)} ms after it was created`
        : `Batch ${n(e.batch)} counted as acknowledged without a reply (acks=0): ${plural(e.records, 'record')} for partition ${n(e.partition)}`;
    case 'batch-retry':
      return `Batch ${n(e.batch)} for partition ${n(e.partition)} failed with ${e.error}: retrying (attempt ${n(e.attempt)})`;
    case 'batch-expired':
      return `Batch ${n(e.batch)} for partition ${n(e.partition)} expired${e.inFlight ? ' while in flight (outcome unknown)' : ''}: ${plural(e.records, 'record')} failed`;
    case 'batch-failed':
      return `Batch ${n(e.batch)} for partition ${n(e.partition)} failed for good (${e.error}): ${plural(e.records, 'record')} ${e.dropped ? 'dropped' : 'reported to the application'}`;
    case 'batch-split':
      return `Batch ${n(e.batch)} for partition ${n(e.partition)} was too large: split into ${n(e.pieces)} pieces`;
    case 'records-dropped':
      return `${plural(e.count, 'record')} dropped at send(): the buffer is full`;
    case 'records-rejected':
      return `${plural(e.count, 'record')} rejected at send(): ${e.error}`;
    case 'send-blocked':
      return `The application blocks in send(): buffer.memory is full (partition ${n(e.partition)})`;
    case 'send-unblocked':
      return e.exhausted ? `send() gave up after ${n(e.blockedMs)} ms blocked (max.block.ms)` : `send() resumes after ${n(e.blockedMs, 1)} ms blocked`;
    case 'epoch-bump':
      return `Producer epoch bumped to ${n(e.producerEpoch)} (partition ${n(e.partition)}): sequences restart`;
    case 'fault':
      return `Fault: ${e.fault} on broker ${n(e.broker)}${e.detail ? ` (${e.detail})` : ''}`;
    case 'fault-healed':
      return `Fault healed: ${e.fault} on broker ${n(e.broker)}`;
    case 'broker-state':
      return `Broker ${n(e.broker)} is now ${e.state.split('/').join(', ')}`;
    case 'broker-fenced':
      return `Controller fenced broker ${n(e.broker)}: its session expired`;
    case 'broker-registered':
      return `Broker ${n(e.broker)} registered with the controller`;
    case 'leader-elected':
      return `Partition ${n(e.partition)}: broker ${n(e.leader)} elected leader (epoch ${n(e.leaderEpoch)}, ISR ${isr(e.isr)})${e.unclean ? ' UNCLEAN: committed records may be lost' : e.fromElr ? ' from the eligible leader replicas' : ''}`;
    case 'partition-offline':
      return `Partition ${n(e.partition)} is offline: no eligible leader (ISR ${isr(e.isr)})`;
    case 'isr-change':
      return `Partition ${n(e.partition)}: ISR ${e.reason === 'expand' ? 'expands' : e.reason === 'shrink' ? 'shrinks' : 'drops a fenced broker'} to ${isr(e.isr)}`;
    case 'truncate':
      return `Broker ${n(e.broker)} truncates partition ${n(e.partition)} to offset ${n(e.toOffset)}: ${plural(e.removedRecords, 'record')} removed`;
    case 'acked-lost':
      return `${plural(e.records, 'acknowledged record')} lost on partition ${n(e.partition)}: ${e.cause}`;
    case 'not-enough-replicas':
      return `Partition ${n(e.partition)} refuses an acks=all write: ISR of ${n(e.isr)} is below min.insync.replicas${e.afterAppend ? ' (after the append)' : ''}`;
    case 'consumer-truncation':
      return `The consumer sees partition ${n(e.partition)} rewritten below offset ${n(e.offset)}`;
    case 'producer-disconnect':
      return `Producer lost its connection to broker ${n(e.node)} (${e.reason}): ${plural(e.requests, 'request')} in flight`;
    case 'metadata-update':
      return null;
    default:
      return null;
  }
}
