/**
 * The fault schedule applied to the running cluster: each fault resolves its target (a broker, or
 * the leader / an in-sync follower of a partition at that moment), goes to that broker's lifecycle
 * machine or to the network, and heals after its duration. The schedule itself is `faults.ts`.
 */
import type { Actor } from 'xstate';
import type { Scheduler } from '../core/scheduler';
import type { EventSink } from './types';
import type { FaultSpec } from './faults';
import { CONTROLLER, PRODUCER, type Network } from './net/network';
import type { Broker } from './broker/broker';
import type { Controller } from './broker/controller';
import type { brokerLifecycleMachine } from './machines/brokerLifecycle';

export interface FaultTargets {
  scheduler: Scheduler;
  events: EventSink;
  net: Network;
  controller: Controller;
  brokers: readonly Broker[];
  /** one broker lifecycle actor per broker */
  machines: readonly Actor<typeof brokerLifecycleMachine>[];
}

export interface AppliedFault {
  atMs: number;
  fault: FaultSpec;
  broker: number;
}

export class FaultInjector {
  /** faults applied so far, with the broker each one hit */
  readonly applied: AppliedFault[] = [];
  /** faults still to come or to heal (a run with some is not settled) */
  pending = 0;

  constructor(private readonly t: FaultTargets) {}

  schedule(faults: readonly FaultSpec[]): void {
    for (const f of faults) {
      this.pending++;
      this.t.scheduler.at(f.atMs, () => {
        this.pending--;
        this.apply(f);
      });
    }
  }

  /** The broker a fault targets at this moment (role resolved against the controller's view). */
  resolveTarget(f: FaultSpec): number {
    if (f.broker !== undefined) return f.broker;
    const meta = this.t.controller.parts[f.partition ?? 0];
    if (f.role === 'leader') return meta.leader;
    const followers = meta.replicas.filter((b) => b !== meta.leader);
    const inIsr = followers.filter((b) => meta.isr.includes(b) && this.t.brokers[b].alive);
    return inIsr[0] ?? followers[0] ?? -1;
  }

  apply(f: FaultSpec): void {
    const b = this.resolveTarget(f);
    const log = this.t.events;
    if (b < 0) {
      log.log({ type: 'fault', fault: f.type, broker: -1, detail: `no broker holds role ${f.role} for partition ${f.partition ?? 0}; skipped` });
      return;
    }
    this.applied.push({ atMs: this.t.scheduler.now, fault: f, broker: b });
    const m = this.t.machines[b];
    const broker = this.t.brokers[b];
    const heal = (fn: () => void) => {
      if (f.durationMs === undefined) return;
      this.pending++;
      this.t.scheduler.after(f.durationMs, () => {
        this.pending--;
        fn();
        log.log({ type: 'fault-healed', fault: f.type, broker: b });
      });
    };
    log.log({ type: 'fault', fault: f.type, broker: b, detail: f.peer !== undefined ? `peer ${f.peer}` : undefined });
    switch (f.type) {
      case 'crash':
        m.send({ type: 'CRASH' });
        heal(() => m.send({ type: 'RESTART' }));
        break;
      case 'disk-loss':
        m.send({ type: 'DISK_LOSS', lostTailMs: f.lostTailMs });
        heal(() => m.send({ type: 'RESTART' }));
        break;
      case 'restart':
        if (broker.alive) m.send({ type: 'CRASH' });
        m.send({ type: 'RESTART' });
        break;
      case 'slow':
        m.send({ type: 'SLOW' });
        heal(() => m.send({ type: 'HEAL_SLOW' }));
        break;
      case 'drop-responses':
        broker.dropResponses++;
        heal(() => {
          broker.dropResponses--;
        });
        break;
      case 'partition': {
        const peers = this.peersOf(f, b);
        for (const p of peers) this.cut(b, p);
        heal(() => {
          for (const p of peers) this.healCut(b, p);
        });
        break;
      }
    }
  }

  private peersOf(f: FaultSpec, b: number): number[] {
    if (f.peer === 'producer') return [PRODUCER];
    if (f.peer === 'controller') return [CONTROLLER];
    if (typeof f.peer === 'number') return [f.peer];
    return this.t.brokers.map((x) => x.id).filter((x) => x !== b);
  }

  private cut(a: number, b: number): void {
    this.t.net.cut(a, b);
    if (b === CONTROLLER) this.t.machines[a].send({ type: 'CONTROLLER_CUT' });
  }

  private healCut(a: number, b: number): void {
    const net = this.t.net;
    net.heal(a, b);
    if (net.isCut(a, b)) return;
    if (b === CONTROLLER) {
      this.t.machines[a].send({ type: 'CONTROLLER_HEALED' });
      if (this.t.brokers[a].alive) this.t.controller.resync(a);
      return;
    }
    if (b === PRODUCER) return;
    // fetches lost in the cut: the replica fetchers reconnect
    for (const x of [a, b]) for (const r of this.t.brokers[x].replicas) r?.restartFetching();
  }
}
