'use client';
/** The chat lab module, loaded lazily through components/labs/registry.ts. */
export { chatLab as lab } from '@/simulations/chat';
export { ChatView as View } from './ChatView';
