/**
 * The chat lab's recorder contract: the events a run logs, the series it samples (one sample per
 * `sampleMs`) and the frame a view may draw of its current state.
 */
import type { ConnectionEvent } from '../devices/connections';
import type { DeliveryEvent } from '../delivery/delivery';
import type { FaultEvent } from '../faults/gatewayFaults';
import type { PresenceEvent } from '../presence/presenceFanout';
import type { PresenceSampleItem, WriteSampleItem } from '../metrics/activity';

/**
 * A snapshot of the fleet, logged with a chart sample (at most SNAPSHOTS_PER_RUN per run), so that
 * stepping through a run without faults moves through something a learner can read.
 */
export interface SnapshotEvent {
  type: 'snapshot';
  connected: number;
  devices: number;
  sendsPerSec: number;
  p99Ms: number;
  reconnectsPerSec: number;
}

export type ChatEvent = FaultEvent | { type: 'gateway'; gateway: number; state: string } | DeliveryEvent | PresenceEvent | ConnectionEvent | SnapshotEvent;

/** Series sampled for the whole fleet. */
export type ChatFleetSeries =
  | 'socketWritesPerSec'
  | 'presenceDeliveriesPerSec'
  | 'heartbeatsPerSec'
  | 'sendsPerSec'
  | 'reconnectAttemptsPerSec'
  | 'acceptCapacityPerSec'
  | 'connectedDevices'
  | 'offlineBacklog'
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'latencyMaxMs';

/** Series sampled per gateway g (numbered from 0). */
export type ChatGatewaySeries = `gateway.${number}.connections` | `gateway.${number}.memoryMB`;

export type ChatSeries = ChatFleetSeries | ChatGatewaySeries;

export const gatewaySeries = {
  connections: (g: number): ChatGatewaySeries => `gateway.${g}.connections`,
  memoryMB: (g: number): ChatGatewaySeries => `gateway.${g}.memoryMB`,
};

/** One gateway as the view draws it. */
export interface GatewayFrame {
  /** lifecycle state: 'up', 'down', 'dead', 'draining', 'partitioned', 'partitionedForever' */
  state: string;
  up: boolean;
  /** server-side connections it holds (its memory) */
  conns: number;
  /** devices whose client is connected through it */
  connected: number;
  /** devices in the middle of a handshake with it */
  handshaking: number;
}

/** Where a device sits in the topology picture: its column and its rank among the devices of its kind there. */
export interface DevicePlace {
  /** 'connected' / 'handshaking' in gateway `gateway`'s column, 'reconnecting' in the pool, 'offline' not drawn */
  kind: 'connected' | 'handshaking' | 'reconnecting' | 'offline';
  gateway: number;
  /**
   * Devices of the same kind and column with a lower id: exact for runs up to
   * `EXACT_PLACES_MAX_DEVICES` devices, proportional to the device id above (keeps the frame O(drawn)).
   */
  rank: number;
}

export interface ChatFrame {
  /** virtual time of the frame, ms */
  now: number;
  devices: number;
  connectedDevices: number;
  /** devices of users who want to be online */
  demandDevices: number;
  attempts: number;
  gateways: GatewayFrame[];
  /** devices backing off (or about to pick a gateway) */
  reconnecting: number;
  /** devices of users who are not online */
  offline: number;
  /** the newest sampled socket writes (newest first), each with where its device sits */
  writes: (WriteSampleItem & { place: DevicePlace })[];
  /** the newest sampled presence changes (newest first), with where the user's first device sits */
  presence: (PresenceSampleItem & { place: DevicePlace })[];
}
