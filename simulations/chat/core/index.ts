/**
 * The chat routing core: registry, router/fan-out planner, sync log, receipts, presence, backoff,
 * placement and capacity rules. Pure TypeScript with no notion of simulated time: callers pass
 * times in and receive effects through small port/sink interfaces, so the same code runs inside the
 * discrete-event simulation and behind real WebSockets.
 */
export * from './backoff';
export * from './hashRing';
export * from './registry';
export * from './presence';
export * from './syncLog';
export * from './fanout';
export * from './receipts';
export * from './capacity';
export * from './groupSizes';
export * from './loadBalancer';
