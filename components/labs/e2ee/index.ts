'use client';
/** The end-to-end encryption lab module, loaded lazily through components/labs/registry.ts. */
export { e2eeLab as lab } from '@/simulations/e2ee';
export { E2eeView as View } from './E2eeView';
