'use client';
/**
 * Polls /api/chat-cluster: every `intervalMs` while the Real cluster tab is open, slowly otherwise
 * (to know whether to offer the tab). Keeps the chart history across polls.
 */
import { useEffect, useState } from 'react';
import { appendSample, emptyHistory, type ClusterHistory, type ClusterStatus } from './realCluster';

export const STATUS_ENDPOINT = '/api/chat-cluster';

export function useClusterStatus(intervalMs: number): { status: ClusterStatus | null; history: ClusterHistory } {
  const [state, setState] = useState<{ status: ClusterStatus | null; history: ClusterHistory }>({ status: null, history: emptyHistory() });
  useEffect(() => {
    let cancelled = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const res = await fetch(STATUS_ENDPOINT, { cache: 'no-store' });
        const status = (await res.json()) as ClusterStatus;
        if (cancelled) return;
        setState((prev) => ({ status, history: status.running ? appendSample(prev.history, status.stats) : prev.history }));
      } catch {
        if (!cancelled) setState((prev) => ({ ...prev, status: { running: false, reason: 'the lab server does not answer' } }));
      }
      if (!cancelled) timer = window.setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [intervalMs]);
  return state;
}
