'use client';
/** The live-latency lab module, loaded lazily through components/labs/registry.ts. */
export { liveLatencyLab as lab } from '@/simulations/live-latency';
export { LiveLatencyView as View } from './LiveLatencyView';
