/**
 * Scenario files (the CLI's --config): nested camelCase keys mirroring the lab schema, Kafka's acks
 * spellings, JSON booleans for enable.idempotence. Unknown keys and invalid values are rejected with
 * a ConfigException-style message (the CLI exits 2).
 */
import { flatten, validate, type ParamError } from '../../core/params';
import { ConfigException, type ResolvedConfig } from '../config';
import { configOf } from './model';
import { kafkaSchema, type KafkaParams } from './schema';

export type ScenarioOutcome = { ok: true; params: KafkaParams; config: ResolvedConfig } | { ok: false; message: string };

function acksValue(v: unknown): 'all' | '1' | '0' | null {
  if (v === 'all' || v === -1 || v === '-1') return 'all';
  if (v === 1 || v === '1') return '1';
  if (v === 0 || v === '0') return '0';
  return null;
}

function versionValue(v: unknown): '4.x' | '3.6' | null {
  if (v === '4.x' || v === '4' || v === '4.0' || v === '4.1' || v === 4) return '4.x';
  if (v === '3.6' || v === 3.6) return '3.6';
  return null;
}

/**
 * Kafka's own spellings of values (acks -1 / 0 / 1, version 4 / "4.1", JSON booleans for
 * enable.idempotence), rewritten in place on flat params; one error per value it cannot read. The CLI
 * (through the shared parser) and scenario files both use it.
 */
export function normalizeKafkaValues(flat: Record<string, unknown>): ParamError[] {
  const errors: ParamError[] = [];
  if (Object.hasOwn(flat, 'producer.acks')) {
    const v = flat['producer.acks'];
    const a = acksValue(v);
    if (a === null) errors.push({ field: 'producer.acks', value: v, message: `Invalid value ${JSON.stringify(v)} for configuration producer.acks: String must be one of: all, -1, 0, 1` });
    else flat['producer.acks'] = a;
  }
  if (Object.hasOwn(flat, 'kafkaVersion')) {
    const v = versionValue(flat.kafkaVersion);
    if (v === null) errors.push({ field: 'kafkaVersion', value: flat.kafkaVersion, message: `Invalid value ${JSON.stringify(flat.kafkaVersion)} for configuration kafkaVersion: must be "4.x" or "3.6"` });
    else flat.kafkaVersion = v;
  }
  if (Object.hasOwn(flat, 'producer.enableIdempotence')) {
    const v = flat['producer.enableIdempotence'];
    if (v === true || v === 'true') flat['producer.enableIdempotence'] = 'true';
    else if (v === false || v === 'false') flat['producer.enableIdempotence'] = 'false';
    else if (v !== 'default') errors.push({ field: 'producer.enableIdempotence', value: v, message: `Invalid value ${JSON.stringify(v)} for configuration producer.enableIdempotence: Expected value to be either true or false` });
  }
  return errors;
}

/** Scenario object (nested or dotted) -> validated lab params + resolved config. */
export function scenarioToParams(input: unknown): ScenarioOutcome {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'ConfigException: a scenario must be a JSON object' };
  }
  const flat = flatten(kafkaSchema, input as Record<string, unknown>);
  const known = Object.keys(kafkaSchema);
  for (const key of Object.keys(flat)) {
    if (!Object.hasOwn(kafkaSchema, key)) {
      return { ok: false, message: `ConfigException: Unknown configuration "${key}". Known keys: ${known.join(', ')}` };
    }
  }
  const spelled = normalizeKafkaValues(flat);
  if (spelled.length > 0) return { ok: false, message: `ConfigException: ${spelled[0].message}` };
  const v = validate(kafkaSchema, flat);
  if (!v.ok) return { ok: false, message: `ConfigException: ${v.errors.map((e) => e.message).join('; ')}` };
  try {
    return { ok: true, params: v.params, config: configOf(v.params) };
  } catch (e) {
    if (e instanceof ConfigException) return { ok: false, message: `ConfigException: ${e.message}` };
    throw e;
  }
}
