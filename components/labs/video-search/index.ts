'use client';
/** The video search lab module, loaded lazily through components/labs/registry.ts. */
export { videoSearchLab as lab } from '@/simulations/video-search';
export { VideoSearchView as View } from './VideoSearchView';
