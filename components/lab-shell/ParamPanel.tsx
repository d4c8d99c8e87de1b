'use client';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ParamError, ParamSchema, ParamSpec } from '@/simulations/core/params';
import type { Preset } from '@/simulations/core/lab';
import {
  controlsFromSchema,
  parseControlText,
  sliderPosition,
  valueFromSlider,
  type BooleanControl,
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
}

export const ParamPanel = memo(function ParamPanel({ schema, params, presets, presetId, modified, onParam, onPreset, conflicts = [] }: ParamPanelProps) {
  const groups = controlsFromSchema(schema);
  const advancedGroups = controlsFromSchema(schema, { includeAdvanced: true })
    .map((g) => ({ ...g, controls: g.controls.filter((c) => schema[c.key].advanced) }))
    .filter((g) => g.controls.length > 0);
  const advancedCount = advancedGroups.reduce((n, g) => n + g.controls.length, 0);
  // advanced fields mount only while the disclosure is open (a closed panel stays light)
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const presetSelectId = useId();
  const preset = presets.find((p) => p.id === presetId);
  return (
    <section className={styles.params} aria-label="Parameters" data-testid="param-panel">
      {presets.length > 0 && (
        <div className={styles.presetBox}>
          <label htmlFor={presetSelectId} className={styles.fieldLabel}>
            Preset
          </label>
          <select
            id={presetSelectId}
            data-testid="preset-select"
            value={presetId ?? ''}
            onChange={(e) => onPreset(e.target.value || undefined)}
          >
            <option value="">Defaults</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          {preset && (
            <p className={styles.story} data-testid="preset-story">
              {preset.story}
              {modified && <span className={styles.muted}> (modified)</span>}
            </p>
          )}
        </div>
      )}
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
      <ControlGroups groups={groups} schema={schema} params={params} onParam={onParam} />
      {advancedCount > 0 && (
        <details className={styles.group} open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)} data-testid="advanced-params">
          <summary>Advanced parameters ({advancedCount})</summary>
          {advancedOpen && <ControlGroups groups={advancedGroups} schema={schema} params={params} onParam={onParam} />}
        </details>
      )}
    </section>
  );
});

function ControlGroups({ groups, schema, params, onParam }: { groups: ReturnType<typeof controlsFromSchema>; schema: ParamSchema; params: Record<string, unknown>; onParam(key: string, value: unknown): void }) {
  return groups.map((group) => (
    <fieldset key={group.title ?? '(none)'} className={styles.group}>
      {group.title && <legend>{group.title}</legend>}
      {group.controls.map((c) => {
        const spec = schema[c.key];
        const value = params[c.key];
        switch (c.kind) {
          case 'number':
            return <NumberField key={c.key} control={c} spec={spec} value={value as number} onChange={onParam} />;
          case 'enum':
            return <EnumField key={c.key} control={c} value={value as string} onChange={onParam} />;
          case 'boolean':
            return <BooleanField key={c.key} control={c} value={value as boolean} onChange={onParam} />;
          case 'json':
            return <JsonField key={c.key} control={c} spec={spec} value={value} onChange={onParam} />;
        }
      })}
    </fieldset>
  ));
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
