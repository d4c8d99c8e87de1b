'use client';
/** The upload lab module, loaded lazily through components/labs/registry.ts. */
export { uploadLab as lab } from '@/simulations/upload';
export { UploadView as View } from './UploadView';
