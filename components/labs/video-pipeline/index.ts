'use client';
/** The video pipeline lab module, loaded lazily through components/labs/registry.ts. */
export { videoPipelineLab as lab } from '@/simulations/video-pipeline';
export { VideoPipelineView as View } from './VideoPipelineView';
