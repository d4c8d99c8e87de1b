/**
 * SERVER ONLY: reads simulations/registry.ts, which imports every lab. Never import this from a
 * 'use client' module (it would bundle all simulations into the page).
 */
import { labs } from '../../simulations/registry';
import type { LabFacts } from './types';

export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  topic: string;
}

export function labFacts(): LabFacts[] {
  return labs.map((lab) => ({ id: lab.id, presets: lab.presets.map((preset) => preset.id), params: Object.keys(lab.schema) }));
}

export function labSummaries(): LabSummary[] {
  return labs.map((lab) => ({ id: lab.id, title: lab.title, summary: lab.summary, topic: lab.topic }));
}
