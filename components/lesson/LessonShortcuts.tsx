'use client';
import { useCallback, useEffect, useState } from 'react';
import { commandForKey } from '@/components/lab-shell/keyboard';
import { embedInView, PRESENTER_REQUEST_EVENT } from '@/components/lab-shell/presenterRequest';
import { ShortcutHelp } from '@/components/lab-shell/ShortcutHelp';

const NOTE = 'On a lesson page, F shows the lab in view in presenter mode. Click inside a lab to use its other keys.';

/**
 * A lesson page's own shortcuts, for when the focus is on the page rather than inside a lab (there
 * the lab's own keys apply): `?` opens the shortcut list and `f` puts the lab in view (loading it
 * if needed) in presenter mode. Renders only the help dialog.
 */
export function LessonShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);
  const close = useCallback(() => setHelpOpen(false), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // presenter mode: the lab listens on the window itself
      if (document.documentElement.hasAttribute('data-presenter')) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest('dialog, [data-testid="lab-shell"]')) return;
      const cmd = commandForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable } : null,
      });
      if (cmd === 'help') {
        e.preventDefault();
        setHelpOpen(true);
      } else if (cmd === 'presenter') {
        const boxes = [...document.querySelectorAll<HTMLElement>('[data-testid="lab-embed"]')];
        const index = embedInView(
          boxes.map((b) => b.getBoundingClientRect()),
          window.innerHeight,
        );
        if (index < 0) return;
        e.preventDefault();
        boxes[index].dispatchEvent(new Event(PRESENTER_REQUEST_EVENT));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return <ShortcutHelp open={helpOpen} onClose={close} note={NOTE} />;
}
