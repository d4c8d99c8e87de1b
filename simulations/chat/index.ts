/**
 * The chat lab (`chatLab`: the definition with its command line) and the public API of its parts.
 */
import { defineLab } from '../core/lab';
import { chatDefinition } from './lab/definition';
import { chatCli } from './lab/cli';

export const chatLab = defineLab({ ...chatDefinition, cli: chatCli });

export { chatSchema, crossCheck, type ChatParams } from './lab/schema';
export type { ChatModel } from './lab/model';
export type { ChatResult } from './lab/result';
export { gatewaySeries, type ChatEvent, type ChatFleetSeries, type ChatFrame, type ChatSeries, type DevicePlace, type GatewayFrame } from './lab/series';
export { checkFaults, FAULT_TYPES, type Fault, type FaultType } from './faults/fault';
export { PRESENCE_AWAY, PRESENCE_ONLINE } from './core/presence';
export { effectiveKBPerConnection } from './core/capacity';
export { HUB_CHANNEL_SERVER, HUB_GROUP, HUB_RELAY, type PresenceSampleItem, type WriteSampleItem } from './metrics/activity';
export type { BackoffEnv, BackoffInput, BackoffPolicy, BackoffPolicyFactory } from './core/backoffPolicy';
export { RECONNECT_POLICIES, type ReconnectPolicy } from './core/backoff';
