/**
 * The verdict panel's text: for each guarantee (no acknowledged record lost, no duplicates, send
 * order kept, the application never blocked or lost records), whether it held or broke in this run,
 * whether the configuration guarantees it, and the rule that explains it, citing the research notes
 * (shared/research/kafka.md: § sections and rows of the §3 scenario oracle).
 * Pure: a function of the run's result and facts, so it is unit-tested without a browser.
 */
import type { AuditFacts, KafkaResult, LiveFacts, ResolvedConfig } from '@/simulations/kafka';
import { groupedNumber } from '@/simulations/core/numberText';

/** What happened in the run so far that explains its outcome: the frame's live counters and the audit. */
export interface RunFacts extends LiveFacts, AuditFacts {
  cfg: ResolvedConfig;
}

/**
 * guaranteed: held, and the configuration guarantees it (a NEVER/MUST row of the oracle);
 * held: held in this run, but the configuration does not guarantee it (a MAY row could happen);
 * broken: it did not hold; info: a trade-off the run made (blocking, drops, timeouts).
 */
export type VerdictStatus = 'guaranteed' | 'held' | 'broken' | 'info';

export type GuaranteeId = 'durability' | 'duplicates' | 'ordering' | 'availability';

export interface VerdictLine {
  id: GuaranteeId;
  status: VerdictStatus;
  title: string;
  text: string;
  /** the rule's source in the research notes */
  cite: string;
}

export interface Verdict {
  /** "broken" when an acknowledged record was lost, duplicated or reordered */
  overall: 'held' | 'broken';
  headline: string;
  lines: VerdictLine[];
  lostAcked: number;
  duplicates: number;
  reordered: number;
}

const fmt = (n: number) => groupedNumber(Math.round(n));
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

export function acksLabel(acks: -1 | 0 | 1): string {
  return acks === -1 ? 'acks=all' : `acks=${acks}`;
}

/** Why idempotence is off, if it is (the client's silent-disable rules, kafka.md §1.7). */
function idempotenceOffReason(f: RunFacts): string {
  const note = f.cfg.notes.find((n) => n.startsWith('idempotence'));
  if (note) return note;
  return 'enable.idempotence = false';
}

/** " Lost per partition: p0 3,024, p3 12." (the partitions that lost something) */
function lostWhere(f: RunFacts): string {
  const parts = f.lostAckedByPartition.map((v, p) => ({ p, v })).filter((x) => x.v > 0);
  if (parts.length === 0) return '';
  const shown = parts.slice(0, 6).map((x) => `p${x.p} ${fmt(x.v)}`);
  return ` Lost per partition: ${shown.join(', ')}${parts.length > 6 ? `, and ${parts.length - 6} more partitions` : ''}.`;
}

function durability(r: KafkaResult, f: RunFacts): VerdictLine {
  const line = durabilityLine(r, f);
  return line.status === 'broken' ? { ...line, text: line.text + lostWhere(f) } : line;
}

function durabilityLine(r: KafkaResult, f: RunFacts): VerdictLine {
  const c = f.cfg;
  const acks = acksLabel(c.acks);
  const lost = r.lostAcked;
  if (lost > 0) {
    const title = `${plural(lost, 'acknowledged record')} lost`;
    if (f.uncleanElections > 0) {
      return {
        id: 'durability',
        status: 'broken',
        title: `${acks} + unclean election: ${title}`,
        text: `unclean.leader.election.enable = true let a replica outside the ISR become leader (${plural(f.uncleanElections, 'unclean election')}). Its log became the truth: every acknowledged record it lacked is gone, and the other replicas truncated to match it. min.insync.replicas and acks=all cannot protect records against an election that ignores the ISR.`,
        cite: 'kafka.md §2.5; oracle rows 9–10',
      };
    }
    if (f.tailLosses > 0 && f.tailLosses === f.diskLosses) {
      return {
        id: 'durability',
        status: 'broken',
        title: `un-fsynced tail lost: ${title}`,
        text: `A broker lost power and with it the records it had written but not yet fsynced (${plural(f.tailLosses, 'power loss', 'power losses')}). Kafka acknowledges from the page cache, so those records were committed and acknowledged. ${c.elr ? 'Eligible Leader Replicas were on, but no eligible replica was alive (a follower that crashed itself loses its eligibility), so the' : 'Without Eligible Leader Replicas (KIP-966) the'} controller re-elected that broker as the last ISR member, with its shorter log, and the other replicas truncated the committed records to match: the "last replica standing" problem.`,
        cite: 'kafka.md §2.5 (ELR); oracle row 25',
      };
    }
    if (f.diskLosses > 0) {
      return {
        id: 'durability',
        status: 'broken',
        title: `disk loss: ${title}`,
        text: `A broker lost its disk and came back empty (${plural(f.diskLosses, 'disk loss', 'disk losses')}). Kafka acknowledges from the page cache without fsync, so a replica that held the only copies takes them with it, and a leader elected with an empty log makes the others truncate.`,
        cite: 'kafka.md §2.5, §7; oracle rows 8 and 25',
      };
    }
    if (c.acks === 1) {
      return {
        id: 'durability',
        status: 'broken',
        title: `acks=1 + leader failover: ${title}`,
        text: 'acks=1 acknowledges after the leader’s local write, before followers replicate. The leader failed before its followers fetched those records, a follower without them was elected, and the old leader truncated them when it rejoined (leader epochs). They were acknowledged, and they are gone.',
        cite: 'kafka.md §1.8, §2.6; oracle row 6',
      };
    }
    if (c.acks === 0) {
      return {
        id: 'durability',
        status: 'broken',
        title: `acks=0: ${plural(lost, 'record')} counted as sent are not in the log`,
        text: 'acks=0 counts a record as sent once it is written to the socket. No broker ever confirms it, the producer never retries, and it never learns that the record did not make it.',
        cite: 'kafka.md §1.8; oracle row 7',
      };
    }
    return {
      id: 'durability',
      status: 'broken',
      title: `${acks}: ${title}`,
      text: 'acks=all with clean elections and intact disks must never lose an acknowledged record (every ISR member had it, and only ISR members can lead). This run breaks that invariant.',
      cite: 'kafka.md §6 invariant 18',
    };
  }
  if (c.acks === 0) {
    return {
      id: 'durability',
      status: 'held',
      title: 'acks=0: nothing is acknowledged, so nothing can be "lost"',
      text: `The producer counts a record as sent once it is on the socket and never hears back. ${fmt(r.committedRecords)} of ${fmt(r.sent)} records are committed; the producer cannot tell which ones are missing.`,
      cite: 'kafka.md §1.8; oracle row 7',
    };
  }
  if (c.acks === -1 && !c.unclean && f.diskLosses === 0) {
    return {
      id: 'durability',
      status: 'guaranteed',
      title: 'No acknowledged record lost (guaranteed)',
      text: `acks=all answers only when every ISR member has the record${c.minInsyncReplicas > 1 ? `, and refuses writes while the ISR is smaller than min.insync.replicas = ${c.minInsyncReplicas}` : ''}; with unclean.leader.election.enable = false only an ISR member can become leader. So an acknowledged record survives any number of broker crashes while disks survive${f.leaderElections > 0 ? ` (this run had ${plural(f.leaderElections, 'leader election')})` : ''}.`,
      cite: 'kafka.md §1.8, §2.4–2.5; oracle rows 1–2; §6 invariant 18',
    };
  }
  const why =
    c.acks === 1
      ? 'acks=1 acknowledges after the leader’s own write: a leader that fails before its followers fetch takes acknowledged records with it (try “kill leader” with the followers cut off)'
      : c.unclean
        ? 'unclean.leader.election.enable = true lets a replica outside the ISR become leader, and whatever it lacks is lost'
        : 'a disk loss can remove the only copies';
  return {
    id: 'durability',
    status: 'held',
    title: 'No acknowledged record lost in this run (not guaranteed)',
    text: `Nothing was lost so far, but this configuration does not promise it: ${why}.`,
    cite: c.acks === 1 ? 'kafka.md §1.8; oracle row 6' : c.unclean ? 'kafka.md §2.5; oracle row 9' : 'kafka.md oracle row 8',
  };
}

function duplicates(r: KafkaResult, f: RunFacts): VerdictLine {
  const c = f.cfg;
  const d = r.duplicates;
  if (d > 0) {
    if (c.idempotence) {
      return {
        id: 'duplicates',
        status: 'broken',
        title: `${plural(d, 'duplicate record')} despite idempotence`,
        text: `A batch expired in flight after delivery.timeout.ms (${plural(f.ambiguousExpiries, 'ambiguous expiry', 'ambiguous expiries')}): the producer reported it failed although it may be in the log, and the epoch bump that follows resets the sequences, so a resend is not recognised.`,
        cite: 'kafka.md §1.5; oracle row 16',
      };
    }
    return {
      id: 'duplicates',
      status: 'broken',
      title: `${plural(d, 'duplicate record')}`,
      text: `A leader appended a batch but the producer never saw the answer (response lost, request timed out, or NOT_ENOUGH_REPLICAS_AFTER_APPEND), so it retried and the batch was written again. Without idempotence (${idempotenceOffReason(f)}) the broker cannot tell a retry from a new batch.`,
      cite: 'kafka.md §1.7, §2.4; oracle rows 3, 5 and 14',
    };
  }
  if (c.idempotence) {
    return {
      id: 'duplicates',
      status: 'guaranteed',
      title: 'No duplicates (guaranteed by idempotence)',
      text: 'Each batch carries the producer id, epoch and a per-partition sequence. The broker remembers the last 5 batches of each producer per partition and answers a retry of one of them with the original offset instead of writing it again.',
      cite: 'kafka.md §1.7; oracle rows 2, 12–13; §6 invariant 9',
    };
  }
  return {
    id: 'duplicates',
    status: 'held',
    title: 'No duplicates in this run (not guaranteed)',
    text: `Idempotence is off (${idempotenceOffReason(f)}): a retry after a lost response would write the batch a second time.`,
    cite: 'kafka.md §1.7; oracle row 3',
  };
}

function ordering(r: KafkaResult, f: RunFacts): VerdictLine {
  const c = f.cfg;
  const n = r.reordered;
  const ordered = c.idempotence || c.maxInFlight === 1 || c.retries === 0;
  if (n > 0) {
    const perKey =
      c.keys > 0
        ? f.reorderedPerKey > 0
          ? ` ${plural(f.reorderedPerKey, 'record')} landed behind a later record of the same key: a consumer that relies on per-key order (one user, one account) sees those events out of order.`
          : ' No key lost its order: the swapped records had different keys.'
        : '';
    return {
      id: 'ordering',
      status: 'broken',
      title: c.keys > 0 ? `${plural(n, 'record')} out of send order (${fmt(f.reorderedPerKey)} within a key)` : `${plural(n, 'record')} out of send order`,
      text:
        (ordered
          ? 'Records landed out of send order although this configuration should keep it.'
          : `With idempotence off, max.in.flight.requests.per.connection = ${c.maxInFlight} and retries, batch A can fail and be retried after batch B of the same partition was written: B’s records land first.`) + perKey,
      cite: 'kafka.md §1.6; oracle row 3',
    };
  }
  if (ordered) {
    const why = c.idempotence
      ? 'idempotence: the broker refuses a batch whose sequence is not the next one (OUT_OF_ORDER_SEQUENCE_NUMBER) and the client re-enqueues retries in sequence order'
      : c.maxInFlight === 1
        ? 'max.in.flight.requests.per.connection = 1 mutes a partition while its batch is in flight'
        : 'retries = 0: a failed batch is never resent';
    return {
      id: 'ordering',
      status: 'guaranteed',
      title: 'Send order kept per partition (guaranteed)',
      text: `Guaranteed by ${why}.`,
      cite: 'kafka.md §1.6; oracle rows 12 and 14; §6 invariant 8',
    };
  }
  return {
    id: 'ordering',
    status: 'held',
    title: 'Send order kept in this run (not guaranteed)',
    text: `Idempotence is off and max.in.flight.requests.per.connection = ${c.maxInFlight}: a retried batch can land behind a later one.`,
    cite: 'kafka.md §1.6; oracle row 3',
  };
}

function availability(r: KafkaResult, f: RunFacts, final: boolean): VerdictLine {
  const c = f.cfg;
  const parts: string[] = [];
  const failed = Object.entries(r.failed).filter(([, v]) => v > 0);
  const timeouts = r.failed.TimeoutException ?? 0;
  if (c.onBufferFull === 'drop') {
    parts.push(
      r.dropped > 0
        ? `send() never blocked: ${plural(r.dropped, 'record')} were dropped at once because buffer.memory was full (the Netflix Keystone policy: protect the application, count the loss).`
        : 'send() never blocks in drop mode; no record had to be dropped for a full buffer.',
    );
  } else {
    if (f.blockedNow) parts.push(`send() is blocking the application right now: buffer.memory is full, and send() waits up to max.block.ms = ${seconds(c.maxBlockMs)} for memory before failing with BufferExhaustedException.`);
    if (r.blockedMs > 0) parts.push(`send() ${f.blockedNow ? 'had already blocked' : 'blocked'} the application for ${seconds(r.blockedMs)} in total${f.blockedNow ? '' : `: buffer.memory was full, and send() waits up to max.block.ms = ${seconds(c.maxBlockMs)} before failing with BufferExhaustedException`}.`);
  }
  if (f.notEnoughReplicas > 0) {
    parts.push(`The leader refused writes ${plural(f.notEnoughReplicas, 'time')} with NOT_ENOUGH_REPLICAS: the ISR was smaller than min.insync.replicas = ${c.minInsyncReplicas}. Availability was traded for durability.`);
  }
  if (timeouts > 0) parts.push(`${plural(timeouts, 'record')} failed with TimeoutException: delivery.timeout.ms = ${seconds(c.deliveryTimeoutMs)} passed before an acknowledgement.`);
  for (const [error, v] of failed) if (error !== 'TimeoutException') parts.push(`${plural(v, 'record')} failed with ${error}.`);
  if (f.failedButWritten > 0) parts.push(`${plural(f.failedButWritten, 'record')} reported as failed are in the log anyway (an ambiguous outcome).`);
  const trouble = r.dropped > 0 || r.blockedMs > 0 || f.blockedNow || failed.length > 0 || f.notEnoughReplicas > 0;
  if (!trouble) parts.push(`Every record sent${final ? '' : ' so far'} was acknowledged${c.acks === 0 ? ' (acks=0: on the socket)' : ''}, and send() never blocked.`);
  const cite =
    c.onBufferFull === 'drop' ? 'kafka.md §1.3, §4; oracle row 18' : f.notEnoughReplicas > 0 || f.blockedNow ? 'kafka.md §1.3, §2.4; oracle rows 4 and 17' : timeouts > 0 ? 'kafka.md §1.5; oracle row 16' : 'kafka.md §1.3; oracle row 17';
  const title =
    c.onBufferFull === 'drop'
      ? r.dropped > 0
        ? `Application never blocked; ${plural(r.dropped, 'record')} dropped`
        : 'Application never blocked'
      : f.blockedNow
        ? 'Application blocked in send() now'
        : r.blockedMs > 0
          ? `Application blocked ${seconds(r.blockedMs)}`
          : failed.length > 0
            ? `${plural(failed.reduce((s, [, v]) => s + v, 0), 'record')} failed`
            : 'Application never blocked, nothing failed';
  // only the drop policy promises that send() never blocks; a quiet run in blocking mode merely held
  const status: VerdictStatus = trouble ? 'info' : c.onBufferFull === 'drop' ? 'guaranteed' : 'held';
  return { id: 'availability', status, title, text: parts.join(' '), cite };
}

/** The verdict at this point of the run (`final` once the run is over). */
export function kafkaVerdict(r: KafkaResult, f: RunFacts, final: boolean): Verdict {
  const lines = [durability(r, f), duplicates(r, f), ordering(r, f), availability(r, f, final)];
  const broken = lines.find((l) => l.status === 'broken');
  const suffix = final ? '' : ' so far';
  const headline = broken
    ? `${broken.title}${suffix}`
    : f.cfg.acks === -1 && !f.cfg.unclean && f.cfg.idempotence
      ? `Every guarantee held${suffix}: nothing acknowledged was lost, duplicated or reordered`
      : `Nothing acknowledged was lost, duplicated or reordered${suffix}, but this configuration does not promise all of it`;
  return { overall: broken ? 'broken' : 'held', headline, lines, lostAcked: r.lostAcked, duplicates: r.duplicates, reordered: r.reordered };
}
