'use client';
/**
 * The code lab's panel, shared by every target (issue 12): the learner writes TypeScript against the
 * target's generated types, starts from its templates, and races the code in the sandbox worker
 * (never this thread). The panel owns the editor, diagnostics, Run, errors at line:col, snippets and
 * the share link's #code= fragment; the target descriptor says what is written, and the lab's
 * wrapper (AbrCodePanel, KafkaCodePanel, ChatCodePanel) says how to race it and shows the outcome.
 * Loaded with next/dynamic only when opened.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CodeEditor } from './CodeEditor';
import { diagnosticsOf, emit, monaco, provideLib, type Diagnostic } from './monaco';
import { RaceFailed } from '@/code-lab/browser/raceInWorker';
import { codeFromHash, decodeSharedCode, encodeSharedCode, MAX_SHARED_CODE_BYTES } from '@/code-lab/browser/share';
import { deleteSnippet, listSnippets, saveSnippet, type Snippet } from '@/code-lab/browser/snippets';
import type { CodeLocation, CompiledProgram } from '@/code-lab/sandbox/program';
import type { SourceMapV3 } from '@/code-lab/sandbox/sourceMap';
import styles from './CodePanel.module.css';

export interface CodeTemplate {
  id: string;
  label: string;
  source: string;
}

/** What the learner writes for one target: its file, types, templates and contract in a sentence. */
export interface CodeTarget {
  /** the lab's id: snippets and shared links are kept per lab */
  lab: string;
  /** "Your ABR algorithm": the panel's heading and accessible name */
  title: string;
  /** the file the editor shows and errors name, e.g. algorithm.ts */
  file: string;
  /** the module the templates import types from (`./abr`), and its generated declarations */
  typesModule: string;
  typesDts: string;
  templates: readonly CodeTemplate[];
  /** the template in the editor when the panel opens */
  initialTemplate: string;
  /** the name of a downloaded file */
  downloadName: string;
  /** the contract and the sandbox's rules, in a sentence or two */
  note: ReactNode;
}

/** A race in progress: the worker's outcome as what the panel shows, or a RaceFailed. */
export interface RaceRun {
  result: Promise<RaceShown>;
  cancel(): void;
}
export interface RaceShown {
  /** the result line (and table) under the editor */
  summary: ReactNode;
  logs: string[];
}
export type RaceFn = (program: CompiledProgram, onProgress: (progress: string) => void) => RaceRun;

/**
 * A race the lab asks for without a click: `key` is new for each request. `onlyIfUnchanged`: only
 * when the editor still holds the code of the last successful Run (re-racing it on new params).
 */
export interface RaceRequest {
  key: string;
  race: RaceFn;
  onlyIfUnchanged?: boolean;
}

export interface CodePanelProps {
  target: CodeTarget;
  /** races the editor's code on the lab's current params and seed; absent: Run is disabled */
  race: RaceFn | null;
  /** the link to this lab with its current params and seed, without the fragment */
  shareBase(): string;
  onClose(): void;
  /** target-specific controls beside Run (ABR: which player your code is) */
  controls?: ReactNode;
  /** races the lab asks for, each kind in its own place (ABR: a re-race on new params, a tournament trace) */
  requests?: readonly (RaceRequest | null)[];
  /** the program of every successful race (ABR enters it in its tournament) */
  onRaced?(program: CompiledProgram): void;
  /** the outcome of the last successful race stays below the messages (Kafka, chat) */
  children?: ReactNode;
}

type Status =
  | { kind: 'idle'; note: string | null }
  | { kind: 'running'; progress: string }
  | { kind: 'done'; shown: RaceShown }
  | { kind: 'error'; message: string; location: CodeLocation | null };

const NO_REQUESTS: readonly (RaceRequest | null)[] = [];

function modelFor(target: CodeTarget): monaco.editor.ITextModel {
  provideLib(target.typesModule, target.typesDts);
  const uri = monaco.Uri.parse(`file:///${target.file}`);
  const initial = target.templates.find((t) => t.id === target.initialTemplate)?.source ?? target.templates[0]?.source ?? '';
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'typescript', uri);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function CodePanel({ target, race, shareBase, onClose, controls, requests = NO_REQUESTS, onRaced, children }: CodePanelProps) {
  const lab = target.lab;
  const model = useMemo(() => modelFor(target), [target]);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[] | null>(null);
  /** edits of the model so far, and races finished (data attributes for tests and assistive status) */
  const [edits, setEdits] = useState(0);
  const [races, setRaces] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle', note: null });
  const [reveal, setReveal] = useState<{ line: number; col: number; nonce: number } | null>(null);
  const [snippets, setSnippets] = useState<Snippet[]>(() => (storage() ? listSnippets(storage()!, lab) : []));
  const [snippetName, setSnippetName] = useState('');
  const [snippetMessage, setSnippetMessage] = useState<string | null>(null);
  const [share, setShare] = useState<{ url: string; copied: boolean } | { error: string } | null>(null);
  const running = useRef<{ cancel(): void } | null>(null);
  /** the source of the last successful Run: a request with onlyIfUnchanged races it again */
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
      else if (decoded.shared.lab !== lab) setStatus({ kind: 'error', message: `The code in this link is for the ${decoded.shared.lab} lab, not this one.`, location: null });
      else {
        model.setValue(decoded.shared.code);
        setStatus({ kind: 'idle', note: 'Loaded the code from the link. Press Run to race it (the race shown is the one the link recorded).' });
      }
    });
  }, [model, lab]);

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
    async (raceFn: RaceFn) => {
      running.current?.cancel();
      const source = model.getValue();
      const found = await diagnosticsOf(model);
      setDiagnostics(found);
      if (found.length > 0) return;
      let program: CompiledProgram;
      try {
        const out = await emit(model);
        program = { js: out.js, map: out.map ? (JSON.parse(out.map) as SourceMapV3) : null, source, file: target.file };
      } catch (e) {
        failAt(`could not compile: ${e instanceof Error ? e.message : String(e)}`, null);
        return;
      }
      setStatus({ kind: 'running', progress: '' });
      const racing = raceFn(program, (progress) => setStatus({ kind: 'running', progress }));
      running.current = racing;
      try {
        const shown = await racing.result;
        lastRunSource.current = source;
        setStatus({ kind: 'done', shown });
        onRaced?.(program);
      } catch (e) {
        if (e instanceof RaceFailed) {
          if (e.failure.detail !== 'cancelled') failAt(e.failure.message, e.failure.location);
        } else failAt(e instanceof Error ? e.message : String(e), null);
      } finally {
        if (running.current === racing) running.current = null;
        setRaces((n) => n + 1);
      }
    },
    [model, target.file, failAt, onRaced],
  );

  const runNow = () => {
    setShare(null);
    if (race) void run(race);
  };

  /** per place in `requests`, the key raced last */
  const handled = useRef<(string | null)[]>([]);
  useEffect(() => {
    requests.forEach((request, i) => {
      if (!request || handled.current[i] === request.key) return;
      if (request.onlyIfUnchanged && (lastRunSource.current === null || running.current || model.getValue() !== lastRunSource.current)) return;
      handled.current[i] = request.key;
      void run(request.race);
    });
  }, [requests, model, run]);

  const loadTemplate = (id: string) => {
    const t = target.templates.find((x) => x.id === id);
    if (t) model.setValue(t.source);
  };

  const refreshSnippets = () => {
    const s = storage();
    setSnippets(s ? listSnippets(s, lab) : []);
  };
  const save = () => {
    const s = storage();
    const problem = s ? saveSnippet(s, { name: snippetName, lab, code: model.getValue() }, new Date().toISOString()) : 'this browser keeps no local storage here';
    setSnippetMessage(problem ?? `Saved “${snippetName.trim()}”.`);
    refreshSnippets();
  };
  const remove = (name: string) => {
    const s = storage();
    if (s) setSnippetMessage(deleteSnippet(s, lab, name) ?? `Deleted “${name}”.`);
    refreshSnippets();
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([model.getValue()], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = target.downloadName;
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
      const value = await encodeSharedCode({ lab, code: model.getValue() });
      const url = `${shareBase()}#code=${value}`;
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
  const canRun = !!race && diagnostics !== null && errors.length === 0 && status.kind !== 'running';

  return (
    <section className={styles.panel} aria-label={target.title} data-testid="code-panel" data-lab={lab} data-status={status.kind} data-diagnostics={diagnostics === null ? 'pending' : errors.length} data-edits={edits} data-races={races}>
      <div className={styles.head}>
        <h3 className={styles.title}>{target.title}</h3>
        <button type="button" className={styles.ghost} onClick={onClose}>
          Close
        </button>
      </div>
      <p className={styles.note}>{target.note}</p>
      <div className={styles.row}>
        <label className={styles.field}>
          Start from
          <select data-testid="code-template" defaultValue="" onChange={(e) => e.target.value && loadTemplate(e.target.value)}>
            <option value="" disabled>
              a template…
            </option>
            {target.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {controls}
        <button type="button" className={styles.primary} onClick={runNow} disabled={!canRun} data-testid="code-run" title={errors.length ? 'Fix the errors first' : undefined}>
          {status.kind === 'running' ? `Racing… ${status.progress}` : 'Run'}
        </button>
      </div>

      <CodeEditor model={model} label={`${target.title} in TypeScript`} reveal={reveal} />

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
        {status.kind === 'done' && <div data-testid="code-done">{status.shown.summary}</div>}
        {status.kind === 'error' && (
          <p className={styles.error} role="alert" data-testid="code-error">
            {status.location ? (
              <button type="button" className={styles.link} onClick={() => setReveal({ ...status.location!, nonce: Date.now() })}>
                {target.file}:{status.location.line}:{status.location.col}
              </button>
            ) : null}{' '}
            {status.location ? status.message.replace(/^[^:]+:\d+:\d+: /, '') : status.message}
          </p>
        )}
        {status.kind === 'done' && status.shown.logs.length > 0 && (
          <details>
            <summary>console.log ({status.shown.logs.length})</summary>
            <pre className={styles.logs}>{status.shown.logs.join('\n')}</pre>
          </details>
        )}
      </div>
      {children}

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
