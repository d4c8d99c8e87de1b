'use client';
import { useEffect, useState } from 'react';

/**
 * Whether a lab's code panel is open: closed by default (the panel, Monaco and the sandbox load only
 * when opened), open at once when the link carries code (#code=…), which the panel then loads.
 * LOUD: keep this file free of imports from the panel, so the lab page's first-load JS does not grow.
 */
export function useCodePanelOpen(): [boolean, (open: boolean | ((was: boolean) => boolean)) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (/(^#|&)code=/.test(window.location.hash)) setOpen(true);
  }, []);
  return [open, setOpen];
}
