'use client';
/** The live-edge lab module, loaded lazily through components/labs/registry.ts. */
export { liveEdgeLab as lab } from '@/simulations/live-edge';
export { LiveEdgeView as View } from './LiveEdgeView';
