'use client';
/** The queue lab module, loaded lazily through components/labs/registry.ts. */
export { queueLab as lab } from '@/simulations/queue';
export { QueueView as View } from './QueueView';
