'use client';
import { useCallback, useEffect } from 'react';
import { commandForKey, type ShellCommand } from './keyboard';

/**
 * The shell's keyboard map (components/lab-shell/keyboard.ts) and presenter mode's page chrome.
 * On a lab page the keys listen on the window; in an embed only while focus is inside it (the
 * returned handler goes on the shell's root), except in presenter mode.
 */
export function useShellKeys({ mode, presenter, command, exitPresenter }: { mode: 'page' | 'embed'; presenter: boolean; command(cmd: ShellCommand): void; exitPresenter(): void }) {
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // the help dialog handles its own keys (Esc); its React state may lag the native close
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      if (e.key === 'Escape' && presenter) {
        e.preventDefault();
        exitPresenter();
        return;
      }
      const target = e.target instanceof HTMLElement ? e.target : null;
      const cmd = commandForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable } : null,
      });
      if (!cmd) return;
      e.preventDefault();
      command(cmd);
    },
    [command, presenter, exitPresenter],
  );

  // app/globals.css hides the site header/footer ([data-site-chrome]) while this is set
  useEffect(() => {
    if (!presenter) return;
    const html = document.documentElement;
    html.setAttribute('data-presenter', '');
    return () => html.removeAttribute('data-presenter');
  }, [presenter]);

  useEffect(() => {
    if (mode !== 'page' && !presenter) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, presenter, onKey]);

  return mode === 'embed' && !presenter ? onKey : undefined;
}
