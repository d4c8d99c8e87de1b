'use client';
/**
 * The ABR lab's code panel (issue 12): write an ABR algorithm in TypeScript, race it in the code
 * lab's sandbox (a worker, never this thread), and put the recorded race into the lab as "Your
 * code", where it replays like a built-in. Loaded with next/dynamic only when opened.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { abrLab, raceFingerprint, type AbrParams, type YoursRecord } from '@/simulations/abr';
import { shareQuery } from '@/components/lab-shell/link';
import { CodeEditor } from '@/components/code-lab/CodeEditor';
import { diagnosticsOf, emit, monaco, provideLib, type Diagnostic } from '@/components/code-lab/monaco';
import { ABR_TEMPLATES, ABR_TYPES_DTS } from '@/code-lab/abr/generated';
import { RaceFailed, raceInWorker } from '@/code-lab/browser/raceInWorker';
import { codeFromHash, decodeSharedCode, encodeSharedCode, MAX_SHARED_CODE_BYTES } from '@/code-lab/browser/share';
import { deleteSnippet, listSnippets, saveSnippet, type Snippet } from '@/code-lab/browser/snippets';
import type { CodeLocation, CompiledProgram } from '@/code-lab/sandbox/program';
import type { SourceMapV3 } from '@/code-lab/sandbox/sourceMap';
import type { LearnerCode } from './learnerCode';
import styles from './AbrCodePanel.module.css';

const FILE = 'algorithm.ts';
const MODEL_URI = 'file:///algorithm.ts';
const LAB = 'abr';
type Slot = 'race.second' | 'race.third';

export interface AbrCodePanelProps {
  params: AbrParams;
  seed: number;
  setParams?(changes: Record<string, unknown>): void;
  onClose(): void;
  /** after every successful race: the code that raced (the view enters it in the tournament) */
  onRaced?(code: LearnerCode): void;
  /** a race the view asks for (a tournament trace opened as a race of your code): raced on arrival */
  raceRequest?: { params: AbrParams; nonce: number } | null;
}

type Status =
  | { kind: 'idle'; note: string | null }
  | { kind: 'running'; decisions: number }
  | { kind: 'done'; decisions: number; ticks: number; logs: string[] }
  | { kind: 'error'; message: string; location: CodeLocation | null };

function modelFor(initial: string): monaco.editor.ITextModel {
  provideLib('abr', ABR_TYPES_DTS);
  const uri = monaco.Uri.parse(MODEL_URI);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'typescript', uri);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export default function AbrCodePanel({ params, seed, setParams, onClose, onRaced, raceRequest = null }: AbrCodePanelProps) {
  const model = useMemo(() => modelFor(ABR_TEMPLATES.find((t) => t.id === 'rate')!.source), []);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[] | null>(null);
  /** edits of the model so far, and races finished (data attributes for tests and assistive status) */
  const [edits, setEdits] = useState(0);
  const [races, setRaces] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle', note: null });
  const [slot, setSlot] = useState<Slot>(params['race.second'] === 'yours' ? 'race.second' : 'race.third');
  const [reveal, setReveal] = useState<{ line: number; col: number; nonce: number } | null>(null);
  const [snippets, setSnippets] = useState<Snippet[]>(() => (storage() ? listSnippets(storage()!, LAB) : []));
  const [snippetName, setSnippetName] = useState('');
  const [snippetMessage, setSnippetMessage] = useState<string | null>(null);
  const [share, setShare] = useState<{ url: string; copied: boolean } | { error: string } | null>(null);
  const running = useRef<{ cancel(): void } | null>(null);
  /** the source of the last successful Run: a param or seed change re-races it on its own */
  const lastRunSource = useRef<string | null>(null);
  const upload = useRef<HTMLInputElement>(null);

  // diagnostics follow the model (debounced), straight from the TypeScript worker
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let alive = true;
    const check = () => {
      const version = model.getVersionId();
      diagnosticsOf(model).then(
        (found) => {
          if (alive && model.getVersionId() === version) setDiagnostics(found);
        },
        () => {},
      );
    };
    check();
    const sub = model.onDidChangeContent(() => {
      setEdits((n) => n + 1);
      setDiagnostics(null);
      monaco.editor.setModelMarkers(model, 'sandbox', []);
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, 350);
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      sub.dispose();
    };
  }, [model]);

  // a link's #code= loads into the editor (never runs by itself)
  useEffect(() => {
    const value = codeFromHash(window.location.hash);
    if (!value) return;
    decodeSharedCode(value).then((decoded) => {
      if (!decoded.ok) setStatus({ kind: 'error', message: decoded.error, location: null });
      else if (decoded.shared.lab !== LAB) setStatus({ kind: 'error', message: `The code in this link is for the ${decoded.shared.lab} lab, not this one.`, location: null });
      else {
        model.setValue(decoded.shared.code);
        setStatus({ kind: 'idle', note: 'Loaded the code from the link. Press Run to race it (the race shown is the one the link recorded).' });
      }
    });
  }, [model]);

  useEffect(() => () => running.current?.cancel(), []);

  const failAt = useCallback(
    (message: string, location: CodeLocation | null) => {
      setStatus({ kind: 'error', message, location });
      if (location) {
        monaco.editor.setModelMarkers(model, 'sandbox', [
          { severity: monaco.MarkerSeverity.Error, message, startLineNumber: location.line, startColumn: location.col, endLineNumber: location.line, endColumn: model.getLineMaxColumn(location.line) },
        ]);
      }
    },
    [model],
  );

  const run = useCallback(
    async (raceParams: AbrParams, raceSeed: number) => {
      if (!setParams) return;
      running.current?.cancel();
      const source = model.getValue();
      const found = await diagnosticsOf(model);
      setDiagnostics(found);
      if (found.length > 0) return;
      let program: CompiledProgram;
      try {
        const out = await emit(model);
        program = { js: out.js, map: out.map ? (JSON.parse(out.map) as SourceMapV3) : null, source, file: FILE };
      } catch (e) {
        failAt(`could not compile: ${e instanceof Error ? e.message : String(e)}`, null);
        return;
      }
      setStatus({ kind: 'running', decisions: 0 });
      const race = raceInWorker(program, raceParams, raceSeed, { onProgress: (decisions) => setStatus({ kind: 'running', decisions }) });
      running.current = race;
      try {
        const outcome = await race.result;
        lastRunSource.current = source;
        const decisions = Object.values(outcome.record.slots).reduce((n, s) => n + s.length, 0);
        setStatus({ kind: 'done', decisions, ticks: Object.values(outcome.ticks).reduce((a, b) => a + b, 0), logs: outcome.logs });
        // the whole race's params: a race opened from the tournament also changes the trace and the baseline
        setParams({ ...raceParams, 'yours.record': outcome.record });
        onRaced?.({ program });
      } catch (e) {
        if (e instanceof RaceFailed) {
          if (e.failure.detail !== 'cancelled') failAt(e.failure.message, e.failure.location);
        } else failAt(e instanceof Error ? e.message : String(e), null);
      } finally {
        if (running.current === race) running.current = null;
        setRaces((n) => n + 1);
      }
    },
    [model, setParams, failAt, onRaced],
  );

  const runNow = () => {
    setShare(null);
    void run({ ...params, [slot]: 'yours', 'yours.record': null }, seed);
  };

  // the lab's params or seed changed under a recorded race: race the same code again on them
  const record = params['yours.record'] as YoursRecord | null;
  useEffect(() => {
    if (!record || lastRunSource.current === null || running.current) return;
    if (params['race.second'] !== 'yours' && params['race.third'] !== 'yours') return;
    if (record.run === raceFingerprint(params, seed)) return;
    if (model.getValue() !== lastRunSource.current) return;
    void run({ ...params, 'yours.record': null }, seed);
  }, [params, seed, record, model, run]);

  const requested = useRef<number | null>(null);
  useEffect(() => {
    if (!raceRequest || requested.current === raceRequest.nonce) return;
    requested.current = raceRequest.nonce;
    void run(raceRequest.params, seed);
  }, [raceRequest, run, seed]);

  const loadTemplate = (id: string) => {
    const t = ABR_TEMPLATES.find((x) => x.id === id);
    if (t) model.setValue(t.source);
  };

  const refreshSnippets = () => {
    const s = storage();
    setSnippets(s ? listSnippets(s, LAB) : []);
  };
  const save = () => {
    const s = storage();
    const problem = s ? saveSnippet(s, { name: snippetName, lab: LAB, code: model.getValue() }, new Date().toISOString()) : 'this browser keeps no local storage here';
    setSnippetMessage(problem ?? `Saved “${snippetName.trim()}”.`);
    refreshSnippets();
  };
  const remove = (name: string) => {
    const s = storage();
    if (s) setSnippetMessage(deleteSnippet(s, LAB, name) ?? `Deleted “${name}”.`);
    refreshSnippets();
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([model.getValue()], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'my-abr.ts';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_SHARED_CODE_BYTES) {
      setSnippetMessage(`${file.name} is larger than ${MAX_SHARED_CODE_BYTES / 1024} KB`);
      return;
    }
    model.setValue(await file.text());
    setSnippetMessage(`Loaded ${file.name}.`);
  };

  const copyShare = async () => {
    try {
      const value = await encodeSharedCode({ lab: LAB, code: model.getValue() });
      const url = `${window.location.origin}/labs/${LAB}?${shareQuery(abrLab, { params, seed })}#code=${value}`;
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // no clipboard permission: the link is shown to copy by hand
      }
      setShare({ url, copied });
    } catch (e) {
      setShare({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  const errors = diagnostics ?? [];
  const canRun = !!setParams && diagnostics !== null && errors.length === 0 && status.kind !== 'running';

  return (
    <section className={styles.panel} aria-label="Your ABR algorithm" data-testid="code-panel" data-status={status.kind} data-diagnostics={diagnostics === null ? 'pending' : errors.length} data-edits={edits} data-races={races}>
      <div className={styles.head}>
        <h3 className={styles.title}>Your ABR algorithm</h3>
        <button type="button" className={styles.ghost} onClick={onClose}>
          Close
        </button>
      </div>
      <p className={styles.note}>
        Export <code>createAlgorithm(env)</code> returning <code>decide(input)</code> (and optionally <code>startVideo</code>, <code>observe</code>, <code>onStall</code>). It runs in a
        sandbox: no clock, network or storage, <code>Math.random</code> seeded by the lab, a CPU budget per decision.
      </p>
      <div className={styles.row}>
        <label className={styles.field}>
          Start from
          <select data-testid="code-template" defaultValue="" onChange={(e) => e.target.value && loadTemplate(e.target.value)}>
            <option value="" disabled>
              a template…
            </option>
            {ABR_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Race it as
          <select value={slot} onChange={(e) => setSlot(e.target.value as Slot)} data-testid="code-slot">
            <option value="race.second">second player</option>
            <option value="race.third">third player</option>
          </select>
        </label>
        <button type="button" className={styles.primary} onClick={runNow} disabled={!canRun} data-testid="code-run" title={errors.length ? 'Fix the errors first' : undefined}>
          {status.kind === 'running' ? `Racing… ${status.decisions}` : 'Run'}
        </button>
      </div>

      <CodeEditor model={model} label="Your ABR algorithm in TypeScript" reveal={reveal} />

      <div role="status" aria-live="polite" className={styles.messages} data-testid="code-messages">
        {diagnostics === null && <p className={styles.muted}>Checking types…</p>}
        {errors.length > 0 && (
          <ul className={styles.errors} data-testid="code-diagnostics">
            {errors.map((d, i) => (
              <li key={i}>
                <button type="button" className={styles.link} onClick={() => setReveal({ line: d.line, col: d.col, nonce: Date.now() })}>
                  {d.line}:{d.col}
                </button>{' '}
                {d.message}
              </li>
            ))}
          </ul>
        )}
        {status.kind === 'idle' && status.note && <p>{status.note}</p>}
        {status.kind === 'done' && (
          <p data-testid="code-done">
            Raced: {status.decisions} decisions, {status.ticks} ticks. Your code is the {slot === 'race.second' ? 'second' : 'third'} player.
          </p>
        )}
        {status.kind === 'error' && (
          <p className={styles.error} role="alert" data-testid="code-error">
            {status.location ? (
              <button type="button" className={styles.link} onClick={() => setReveal({ ...status.location!, nonce: Date.now() })}>
                {FILE}:{status.location.line}:{status.location.col}
              </button>
            ) : null}{' '}
            {status.location ? status.message.replace(/^[^:]+:\d+:\d+: /, '') : status.message}
          </p>
        )}
        {status.kind === 'done' && status.logs.length > 0 && (
          <details>
            <summary>console.log ({status.logs.length})</summary>
            <pre className={styles.logs}>{status.logs.join('\n')}</pre>
          </details>
        )}
      </div>

      <details className={styles.more}>
        <summary>Save, load and share</summary>
        <div className={styles.row}>
          <label className={styles.field}>
            Snippet name
            <input value={snippetName} maxLength={60} onChange={(e) => setSnippetName(e.target.value)} data-testid="snippet-name" />
          </label>
          <button type="button" className={styles.ghost} onClick={save} data-testid="snippet-save">
            Save in this browser
          </button>
          <button type="button" className={styles.ghost} onClick={download}>
            Download .ts
          </button>
          <button type="button" className={styles.ghost} onClick={() => upload.current?.click()}>
            Upload .ts
          </button>
          <input ref={upload} type="file" accept=".ts,text/plain" hidden onChange={(e) => void onUpload(e.target.files?.[0])} aria-label="Upload a .ts file" />
          <button type="button" className={styles.ghost} onClick={() => void copyShare()} data-testid="code-share">
            Copy link with code
          </button>
        </div>
        {snippetMessage && <p className={styles.muted}>{snippetMessage}</p>}
        {snippets.length > 0 && (
          <ul className={styles.snippets} data-testid="snippet-list">
            {snippets.map((s) => (
              <li key={s.name}>
                <span>{s.name}</span>
                <button type="button" className={styles.link} onClick={() => model.setValue(s.code)}>
                  Load
                </button>
                <button type="button" className={styles.link} onClick={() => remove(s.name)} aria-label={`Delete ${s.name}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        {share && 'url' in share && (
          <p className={styles.share}>
            {share.copied ? 'Copied: ' : 'Copy this link: '}
            <input readOnly value={share.url} aria-label="Link with your code" data-testid="code-share-url" onFocus={(e) => e.target.select()} />
          </p>
        )}
        {share && 'error' in share && <p className={styles.error}>{share.error}</p>}
      </details>
    </section>
  );
}
