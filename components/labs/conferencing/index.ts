'use client';
/** The conferencing lab module, loaded lazily through components/labs/registry.ts. */
export { conferencingLab as lab } from '@/simulations/conferencing';
export { ConferencingView as View } from './ConferencingView';
