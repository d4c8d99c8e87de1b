/**
 * SERVER ONLY: reads simulations/registry.ts, which imports every lab. Never import this from a
 * 'use client' module (it would bundle all simulations into the page).
 */
import { labs } from '../../simulations/registry';
import type { AnyLab } from '../../simulations/core/lab';
import { defaults } from '../../simulations/core/params';
import { Runner } from '../../simulations/core/runner';
import { resultFieldPaths } from './resultFields';
import type { LabFacts } from './types';

export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  topic: string;
}

export function labFacts(): LabFacts[] {
  return labs.map((lab) => ({ id: lab.id, presets: lab.presets.map((preset) => preset.id), params: Object.keys(lab.schema), resultFields: resultFieldsOf(lab) }));
}

const resultFieldCache = new WeakMap<AnyLab, readonly string[]>();

/**
 * The dotted paths of a lab's result document (what Predict and Challenge may name), read from the
 * document of a run built with the defaults at t = 0: the lab's own `result`, never a copied list.
 */
export function resultFieldsOf(lab: AnyLab): readonly string[] {
  let fields = resultFieldCache.get(lab);
  if (!fields) {
    fields = resultFieldPaths(new Runner(lab, defaults(lab.schema) as never, 1).result());
    resultFieldCache.set(lab, fields);
  }
  return fields;
}

export function labSummaries(): LabSummary[] {
  return labs.map((lab) => ({ id: lab.id, title: lab.title, summary: lab.summary, topic: lab.topic }));
}
