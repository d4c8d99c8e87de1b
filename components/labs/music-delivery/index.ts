'use client';
/** The music delivery lab module, loaded lazily through components/labs/registry.ts. */
export { musicDeliveryLab as lab } from '@/simulations/music-delivery';
export { MusicDeliveryView as View } from './MusicDeliveryView';
