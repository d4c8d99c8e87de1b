'use client';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { isParamVisible, type ParamError, type ParamSchema, type ParamSpec } from '@/simulations/core/params';
import type { Preset } from '@/simulations/core/lab';
import {
  controlsFromSchema,
  parseControlText,
  sliderPosition,
  valueFromSlider,
  type BooleanControl,
  type ControlGroup,
  type EnumControl,
  type JsonControl,
  type NumberControl,
} from './controls';
import styles from './LabShell.module.css';

export interface ParamPanelProps {
  schema: ParamSchema;
  params: Record<string, unknown>;
  presets: Preset<Record<string, unknown>>[];
  presetId: string | undefined;
  /** true when params differ from the selected preset */
  modified: boolean;
  onParam(key: string, value: unknown): void;
  onPreset(presetId: string | undefined): void;
  /** the last change broke a rule spanning several params (lab.checkParams), so it was not applied */
  conflicts?: ParamError[];
  /**
   * Compact panel (a lesson embed): only these fields, no preset picker, no advanced disclosure.
   * Absent: every field, grouped.
   */
  only?: readonly string[];
}

/** The group of fields the chosen preset sets: shown first, they are what the preset is about. */
export const PRESET_GROUP_TITLE = 'Set by this preset';

/**
 * Groups for the panel: the fields the preset sets first (in their own group), then the schema's
 * groups; fields that do not apply to the current params (`visibleWhen`) are left out.
 */
export function panelGroups(schema: ParamSchema, params: Record<string, unknown>, preset: Preset<Record<string, unknown>> | undefined, options: { advanced?: boolean; only?: readonly string[] } = {}): ControlGroup[] {
  const all = controlsFromSchema(schema, { includeAdvanced: options.advanced === true || options.only !== undefined });
  const keep = (key: string) => {
    const spec = schema[key];
    if (options.only) return options.only.includes(key);
    if (!isParamVisible(spec, params)) return false;
    return options.advanced ? spec.advanced === true : true;
  };
  const first = new Set(options.only ?? (options.advanced ? [] : Object.keys(preset?.params ?? {}).filter((k) => k in schema && !schema[k].advanced)));
  const lead: ControlGroup = { title: options.only ? null : PRESET_GROUP_TITLE, controls: [] };
  const rest: ControlGroup[] = [];
  for (const g of all) {
    const controls = g.controls.filter((c) => keep(c.key) && !first.has(c.key));
    lead.controls.push(...g.controls.filter((c) => keep(c.key) && first.has(c.key)));
    if (controls.length) rest.push({ ...g, controls });
  }
  if (options.only) {
    const order = (key: string) => options.only!.indexOf(key);
    lead.controls.sort((a, b) => order(a.key) - order(b.key));
  }
  return lead.controls.length ? [lead, ...rest] : rest;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export const ParamPanel = memo(function ParamPanel({ schema, params, presets, presetId, modified, onParam, onPreset, conflicts = [], only }: ParamPanelProps) {
  const preset = presets.find((p) => p.id === presetId);
  const groups = panelGroups(schema, params, preset, { only });
  const advancedGroups = only ? [] : panelGroups(schema, params, preset, { advanced: true });
  const advancedCount = advancedGroups.reduce((n, g) => n + g.controls.length, 0);
  // advanced fields mount only while the disclosure is open (a closed panel stays light)
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const changedCount = Object.entries(schema).filter(([key, spec]) => !sameValue(params[key], spec.default)).length;
  return (
    <section className={`${styles.params} ${only ? styles.paramsCompact : ''}`} aria-label="Parameters" data-testid="param-panel" data-changed-count={changedCount}>
      {!only && presets.length > 0 && <PresetPicker presets={presets} presetId={presetId} modified={modified} onPreset={onPreset} />}
      {conflicts.length > 0 && (
        <div className={styles.fieldError} role="alert" data-testid="param-conflicts">
          Not applied:
          <ul>
            {conflicts.map((e) => (
              <li key={`${e.field}:${e.message}`} data-field={e.field}>
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ControlGroups groups={groups} schema={schema} params={params} onParam={onParam} compact={only !== undefined} />
      {advancedCount > 0 && (
        <details className={styles.group} open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)} data-testid="advanced-params">
          <summary>Advanced parameters ({advancedCount})</summary>
          {advancedOpen && <ControlGroups groups={advancedGroups} schema={schema} params={params} onParam={onParam} />}
        </details>
      )}
    </section>
  );
});

/** The preset picker and the chosen preset's story (the panel's head; presenter mode shows it alone). */
export const PresetPicker = memo(function PresetPicker({
  presets,
  presetId,
  modified,
  onPreset,
  story = true,
}: {
  presets: Preset<Record<string, unknown>>[];
  presetId: string | undefined;
  modified: boolean;
  onPreset(presetId: string | undefined): void;
  story?: boolean;
}) {
  const presetSelectId = useId();
  const preset = presets.find((p) => p.id === presetId);
  return (
    <div className={styles.presetBox}>
      <label htmlFor={presetSelectId} className={styles.fieldLabel}>
        Preset
      </label>
      <select id={presetSelectId} data-testid="preset-select" value={presetId ?? ''} onChange={(e) => onPreset(e.target.value || undefined)}>
        <option value="">Defaults</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      {story && preset && (
        <p className={styles.story} data-testid="preset-story">
          {preset.story}
          {modified && <span className={styles.muted}> (modified)</span>}
        </p>
      )}
    </div>
  );
});

function ControlGroups({ groups, schema, params, onParam, compact = false }: { groups: ControlGroup[]; schema: ParamSchema; params: Record<string, unknown>; onParam(key: string, value: unknown): void; compact?: boolean }) {
  return groups.map((group) => (
    <fieldset key={group.title ?? '(none)'} className={`${styles.group} ${compact ? styles.groupCompact : ''}`} data-group={group.title ?? ''}>
      {group.title && <legend>{group.title}</legend>}
      {group.controls.map((c) => {
        const spec = schema[c.key];
        const value = params[c.key];
        const changed = !sameValue(value, spec.default);
        const field = (() => {
          switch (c.kind) {
            case 'number':
              return <NumberField control={c} spec={spec} value={value as number} onChange={onParam} />;
            case 'enum':
              return <EnumField control={c} value={value as string} onChange={onParam} />;
            case 'boolean':
              return <BooleanField control={c} value={value as boolean} onChange={onParam} />;
            case 'json':
              return <JsonField control={c} spec={spec} value={value} onChange={onParam} />;
          }
        })();
        return (
          <div key={c.key} className={styles.fieldWrap} data-changed={changed ? 'true' : undefined}>
            {field}
            {changed && (
              <div className={styles.changedRow}>
                <span className={styles.changedMark} data-testid={`param-changed-${c.key}`}>
                  changed from default
                </span>
                <button
                  type="button"
                  className={styles.resetField}
                  onClick={() => onParam(c.key, spec.type === 'json' ? JSON.parse(JSON.stringify(spec.default)) : spec.default)}
                  data-testid={`param-reset-${c.key}`}
                >
                  {/* the accessible name starts with the visible text (axe: label-content-name-mismatch) */}
                  {`reset to ${formatDefault(spec)}`}
                  <span className={styles.visuallyHidden}>{`: ${c.label}`}</span>
                </button>
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  ));
}

function formatDefault(spec: ParamSpec): string {
  if (spec.type === 'json') return 'default';
  if (spec.type === 'enum') return (spec.optionLabels as Record<string, string | undefined> | undefined)?.[spec.default] ?? spec.default;
  if (spec.type === 'number') return `${spec.default}${spec.unit ? ` ${spec.unit}` : ''}`;
  return String(spec.default);
}

interface FieldProps<C, V> {
  control: C;
  value: V;
  onChange(key: string, value: unknown): void;
}

/**
 * Typing pauses this long before a parameter applies on its own. Each applied change rebuilds the
 * run, so a value is applied on commit (Enter, leaving the field, releasing the slider, or this
 * pause), never per keystroke: typing 5000000 must not run seven configurations.
 */
export const COMMIT_AFTER_MS = 700;

/** A change waiting to apply: committed at once by `flush`, or by itself after COMMIT_AFTER_MS. */
function usePendingCommit(apply: (value: unknown) => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ value: unknown } | null>(null);
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const p = pending.current;
    pending.current = null;
    if (p) applyRef.current(p.value);
  }, []);
  const schedule = useCallback(
    (value: unknown, delayMs = COMMIT_AFTER_MS) => {
      pending.current = { value };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush],
  );
  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);
  // a field that unmounts (preset switch, panel closed) applies what the learner typed
  useEffect(() => flush, [flush]);
  return { schedule, flush, cancel };
}

function NumberField({ control: c, spec, value, onChange }: FieldProps<NumberControl, number> & { spec: ParamSpec }) {
  const id = useId();
  const [draft, setDraft] = useState<{ text: string; error: string | null } | null>(null);
  // the slider's position while it is dragged; applied on release
  const [sliding, setSliding] = useState<number | null>(null);
  const commit = usePendingCommit((v) => {
    if (v !== value) onChange(c.key, v);
  });
  const errorId = `${id}-error`;
  const onText = (text: string) => {
    const parsed = parseControlText(c.key, spec, text);
    setDraft({ text, error: parsed.ok ? null : parsed.message });
    if (parsed.ok) commit.schedule(parsed.value);
    else commit.cancel();
  };
  const release = () => {
    if (sliding === null) return;
    setSliding(null);
    if (sliding !== value) onChange(c.key, sliding);
  };
  const shown = sliding ?? value;
  return (
    <div className={styles.field} data-param={c.key}>
      <label htmlFor={id} className={styles.fieldLabel}>
        {c.label}
        {c.unit && <span className={styles.muted}> ({c.unit})</span>}
      </label>
      <div className={styles.numberRow}>
        <input
          type="range"
          aria-label={`${c.label} slider`}
          min={c.slider.min}
          max={c.slider.max}
          step={c.slider.step}
          value={sliderPosition(c, shown)}
          onChange={(e) => {
            setDraft(null);
            commit.cancel();
            setSliding(valueFromSlider(c, Number(e.target.value)));
          }}
          onPointerUp={release}
          onKeyUp={release}
          onBlur={release}
          data-testid={`param-${c.key}-slider`}
        />
        <input
          id={id}
          type="number"
          inputMode="decimal"
          className={styles.numberInput}
          data-testid={`param-${c.key}`}
          min={c.min}
          max={c.max}
          step={c.integer ? 1 : 'any'}
          value={draft ? draft.text : String(shown)}
          aria-invalid={draft?.error ? true : undefined}
          aria-describedby={draft?.error ? errorId : undefined}
          onChange={(e) => onText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit.flush();
          }}
          onBlur={() => {
            commit.flush();
            setDraft((d) => (d && d.error ? d : null));
          }}
        />
      </div>
      {draft?.error ? (
        <p id={errorId} className={styles.fieldError} role="alert">
          {draft.error}
        </p>
      ) : (
        <p className={styles.hint}>{c.description}</p>
      )}
    </div>
  );
}

function EnumField({ control: c, value, onChange }: FieldProps<EnumControl, string>) {
  const id = useId();
  return (
    <div className={styles.field} data-param={c.key}>
      <label htmlFor={id} className={styles.fieldLabel}>
        {c.label}
      </label>
      <select id={id} data-testid={`param-${c.key}`} value={value} onChange={(e) => onChange(c.key, e.target.value)}>
        {c.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p className={styles.hint}>{c.description}</p>
    </div>
  );
}

function BooleanField({ control: c, value, onChange }: FieldProps<BooleanControl, boolean>) {
  const id = useId();
  return (
    <div className={styles.field} data-param={c.key}>
      <label htmlFor={id} className={styles.checkboxLabel}>
        <input id={id} type="checkbox" data-testid={`param-${c.key}`} checked={value} onChange={(e) => onChange(c.key, e.target.checked)} />
        {c.label}
      </label>
      <p className={styles.hint}>{c.description}</p>
    </div>
  );
}

function JsonField({ control: c, spec, value, onChange }: FieldProps<JsonControl, unknown> & { spec: ParamSpec }) {
  const id = useId();
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState<{ text: string; error: string | null } | null>(null);
  const commit = usePendingCommit((v) => {
    if (JSON.stringify(v) !== JSON.stringify(value)) onChange(c.key, v);
  });
  return (
    <div className={styles.field} data-param={c.key}>
      <label htmlFor={id} className={styles.fieldLabel}>
        {c.label}
      </label>
      <textarea
        id={id}
        data-testid={`param-${c.key}`}
        className={styles.json}
        spellCheck={false}
        rows={4}
        value={draft ? draft.text : JSON.stringify(value, null, 1)}
        aria-invalid={draft?.error ? true : undefined}
        aria-describedby={draft?.error ? errorId : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const parsed = parseControlText(c.key, spec, text);
          setDraft({ text, error: parsed.ok ? null : parsed.message });
          if (parsed.ok) commit.schedule(parsed.value);
          else commit.cancel();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit.flush();
        }}
        onBlur={() => {
          commit.flush();
          setDraft((d) => (d && d.error ? d : null));
        }}
      />
      {draft?.error ? (
        <p id={errorId} className={styles.fieldError} role="alert">
          {draft.error}
        </p>
      ) : (
        <p className={styles.hint}>{c.description}</p>
      )}
    </div>
  );
}
