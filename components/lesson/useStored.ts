'use client';
import { useEffect, useState } from 'react';
import { progressChangeEvent, readProgress } from './progress';

/**
 * A progress entry, kept in step with storage: re-read when this page writes progress and when
 * another tab does (the `storage` event). Null before hydration and when absent.
 */
export function useStored<T>(key: string, parse: (value: unknown) => T | null): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    const read = () => setValue(readProgress(key, parse));
    read();
    window.addEventListener(progressChangeEvent, read);
    window.addEventListener('storage', read);
    return () => {
      window.removeEventListener(progressChangeEvent, read);
      window.removeEventListener('storage', read);
    };
  }, [key, parse]);
  return value;
}
