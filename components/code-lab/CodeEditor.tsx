'use client';
import { useEffect, useRef, useState } from 'react';
import { monaco } from './monaco';
import { useNarrow, useSiteTheme } from './useSiteTheme';
import styles from './CodeEditor.module.css';

export interface CodeEditorProps {
  model: monaco.editor.ITextModel;
  /** accessible name of the editor */
  label: string;
  /** where to move the cursor (a runtime error's line:col), changes each time it is asked */
  reveal?: { line: number; col: number; nonce: number } | null;
}

/**
 * The learner's editor: Monaco on wide screens, a plain textarea bound to the same model on
 * phones (≤ 600 px), so diagnostics, Run and sharing work the same. Theme follows the site.
 */
export function CodeEditor({ model, label, reveal }: CodeEditorProps) {
  const narrow = useNarrow();
  const theme = useSiteTheme();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    if (narrow || !host.current) return;
    const e = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel: label,
      accessibilitySupport: 'auto',
      fixedOverflowWidgets: true,
    });
    editor.current = e;
    return () => {
      editor.current = null;
      e.dispose();
    };
  }, [narrow, model, label]);

  useEffect(() => {
    if (!reveal) return;
    const e = editor.current;
    if (e) {
      e.revealLineInCenter(reveal.line);
      e.setPosition({ lineNumber: reveal.line, column: reveal.col });
      e.focus();
    } else if (textarea.current) {
      const offset = model.getOffsetAt({ lineNumber: reveal.line, column: reveal.col });
      textarea.current.focus();
      textarea.current.setSelectionRange(offset, offset);
    }
  }, [reveal, model]);

  if (narrow) return <TextareaEditor model={model} label={label} textareaRef={textarea} />;
  return (
    <div className={styles.editorBox}>
      <div ref={host} className={styles.editor} data-testid="code-editor" />
      <p className={styles.hint}>Ctrl+M (⌃⇧M on a Mac) lets Tab leave the editor; Ctrl+Space suggests, hover shows types.</p>
    </div>
  );
}

function TextareaEditor({ model, label, textareaRef }: { model: monaco.editor.ITextModel; label: string; textareaRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const [text, setText] = useState(() => model.getValue());
  useEffect(() => {
    const sub = model.onDidChangeContent(() => setText(model.getValue()));
    return () => sub.dispose();
  }, [model]);
  return (
    <textarea
      ref={textareaRef}
      className={styles.textarea}
      aria-label={label}
      data-testid="code-textarea"
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        model.setValue(e.target.value);
      }}
    />
  );
}
