'use client';
/** The Discover Weekly lab module, loaded lazily through components/labs/registry.ts. */
export { discoverWeeklyLab as lab } from '@/simulations/discover-weekly';
export { DiscoverWeeklyView as View } from './DiscoverWeeklyView';
