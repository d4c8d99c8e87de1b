/**
 * The chat view renders on the server (no canvas: the picture is drawn after mount) with the hooks
 * the browser test uses, and its markup does not grow with the number of devices.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ChatView } from '@/components/labs/chat/ChatView';
import { LabShell } from '@/components/lab-shell/LabShell';
import { runForPreset } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { chatLab, type ChatModel } from '@/simulations/chat';
import { chatNumberRows } from '@/components/labs/chat/viewModel';

function render(params: Record<string, unknown>, seed: number, t: number, withSetParams = true) {
  const runner = new Runner(chatLab, params as never, seed);
  runner.runTo(t);
  const html = renderToString(createElement(ChatView, { runner, version: runner.version, presenter: false, setParams: withSetParams ? () => {} : undefined }));
  return { html, runner, model: runner.model as ChatModel };
}

describe('chat view', () => {
  it('shows the topology, fault buttons, numbers and six charts, with the reconnect counter as an attribute', () => {
    const { run } = runForPreset(chatLab, 'restart-storm-full-jitter');
    const { html, model } = render(run.params, run.seed, 7_000);
    for (const id of ['chat-view', 'chat-topology', 'chat-faults', 'fault-gateway', 'fault-duration', 'fault-crash', 'fault-drain', 'fault-partition', 'chat-numbers', 'fault-list']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain(`data-reconnect-attempts="${model.metrics.attempts}"`);
    expect(model.metrics.attempts).toBeGreaterThan(1000);
    for (const title of ['Socket writes per second', 'Presence traffic per second', 'Delivery latency', 'Connected devices', 'Reconnect attempts per second vs accept capacity', 'Memory per gateway']) expect(html).toContain(title);
    expect(html).toContain('crash gateway 0, for the rest of the run');
    // gateway 0 (selected) is down: its buttons are disabled
    expect(html).toContain('gateway 0 is <strong>down</strong>');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-crash"/);
  });

  it('fault buttons are enabled on a live gateway only when the host can change params', () => {
    const { run } = runForPreset(chatLab, 'whatsapp-2012');
    const live = render(run.params, run.seed, 2_000).html;
    expect(live).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-crash"/);
    const readOnly = render(run.params, run.seed, 2_000, false).html;
    expect(readOnly).toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-crash"/);
  });

  it('markup size is independent of the number of devices (100 vs 100,000)', () => {
    const { run } = runForPreset(chatLab);
    const small = render({ ...run.params, users: 100, devicesPerUser: 1, sendsPerUserPerMin: 0 }, 1, 3_000).html;
    const large = render({ ...run.params, users: 100_000, devicesPerUser: 1, sendsPerUserPerMin: 0 }, 1, 3_000).html;
    const tags = (h: string) => (h.match(/<[a-z]/g) ?? []).length;
    expect(tags(large)).toBeLessThan(tags(small) * 1.2);
    expect(tags(large)).toBeLessThan(1500);
  });

  it('inside the shell the view gets setParams (buttons live)', () => {
    const { run } = runForPreset(chatLab, 'slack-channels');
    const html = renderToString(createElement(LabShell, { lab: chatLab, View: ChatView, initial: { ...run, timeMs: 1_000 }, mode: 'page' }));
    expect(html).toContain('data-testid="chat-view"');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="fault-crash"/);
  });

  it('numbers: deliveries per message, the binding gateway limit and the reconnect summary', () => {
    const { run } = runForPreset(chatLab, 'c10k-thread-per-connection');
    const runner = new Runner(chatLab, run.params as never, run.seed);
    runner.runTo(10_000);
    const rows = chatNumberRows(runner.result() as never, runner.now, 30_000);
    const get = (label: string) => rows.find((r) => r.label === label)!;
    expect(get('Gateways needed').note).toContain('file descriptors binds');
    expect(get('Max connections per gateway').value).toBe('1024');
    expect(get('Reconnect attempts per client after faults').value).toBe('no reconnects yet');
    expect(get('Devices connected').value).toBe('4096 of 10,000');
  });
});
