import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { e2eeLab } from '@/simulations/e2ee';
import { bubbles, groupSummary, serverRows, theftRows, theftSummary } from '@/components/labs/e2ee/viewModel';
import { E2eeView } from '@/components/labs/e2ee/E2eeView';
import { runForPreset } from '@/components/lab-shell/link';

function runPreset(id: string, toMs?: number) {
  const { run } = runForPreset(e2eeLab, id);
  const runner = new Runner(e2eeLab, run.params as never, run.seed);
  if (toMs === undefined) runner.runToEnd();
  else runner.runTo(toMs);
  return { runner, frame: viewOf(e2eeLab, runner).frame(), params: viewOf(e2eeLab, runner).params };
}

/** The text of server-rendered HTML inside the element with this data-testid (to its closing section). */
function section(html: string, testid: string): string {
  const start = html.indexOf(`data-testid="${testid}"`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end).replace(/<[^>]+>/g, ' ');
}

describe('e2ee view', () => {
  it('a phone shows what it sent, and what it received only once it decrypted it', () => {
    const { frame } = runPreset('first-conversation', 2000);
    // message 1 waits at the server while Bob is offline
    expect(bubbles(frame.messages, 'alice').map((b) => [b.seq, b.status])).toEqual([[1, 'waiting at the server']]);
    expect(bubbles(frame.messages, 'bob')).toEqual([]);
    const later = runPreset('first-conversation', 5000).frame;
    expect(bubbles(later.messages, 'bob').map((b) => b.seq)).toEqual([1, 2]);
    expect(bubbles(later.messages, 'bob')[0].text).toBe(later.messages[0].text);
  });

  it('server-renders three panes; the server pane holds ciphertext hex and metadata, never a message text', () => {
    const { runner, frame } = runPreset('first-conversation');
    const html = renderToString(createElement(E2eeView, { runner, version: runner.version, presenter: false }));
    for (const id of ['alice-pane', 'server-pane', 'bob-pane', 'key-panel', 'attack-panel', 'group-panel']) expect(html).toContain(`data-testid="${id}"`);
    const server = section(html, 'server-pane');
    expect(serverRows(frame).some((r) => /^[0-9a-f]{48}…$/.test(r.hex))).toBe(true);
    for (const m of frame.messages) {
      expect(server).not.toContain(m.text);
      expect(section(html, 'alice-pane')).toContain(m.text);
    }
    expect(html).toContain('derive');
  });

  it('the theft table and its summary come from the attempts', () => {
    const { frame } = runPreset('steal-bobs-phone');
    const rows = theftRows(frame.messages);
    expect(rows.filter((r) => r.outcome === 'read').map((r) => r.seq)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(theftSummary(rows, 7)).toMatch(/Before the theft: nothing readable \(forward secrecy\).*from message 16 on/);
  });

  it('the group summary quotes the counts it measured', () => {
    const { frame, params } = runPreset('group-sender-keys');
    expect(groupSummary(frame.group!, params)).toMatch(/Setting up cost 56 pairwise messages.*42 pairwise re-key messages \(\(n − 1\)\(n − 2\) = 42\)/);
  });
});
