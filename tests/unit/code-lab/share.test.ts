/** Code in the link fragment (code-lab.md §5, §6.10) and snippets kept in the browser. */
import { describe, expect, it } from 'vitest';
import { codeFromHash, decodeSharedCode, encodeSharedCode, MAX_SHARED_CODE_BYTES } from '@/code-lab/browser/share';
import { deleteSnippet, listSnippets, saveSnippet } from '@/code-lab/browser/snippets';
import { ABR_TEMPLATES } from '@/code-lab/abr/generated';

describe('code in a link fragment', () => {
  it('round-trips every template, and a rate-sized algorithm fits in about 1 KB', async () => {
    for (const t of ABR_TEMPLATES) {
      const value = await encodeSharedCode({ lab: 'abr', code: t.source });
      expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      expect(await decodeSharedCode(value)).toEqual({ ok: true, shared: { lab: 'abr', code: t.source } });
      expect(codeFromHash(`#code=${value}`)).toBe(value);
    }
    const rateSized = ABR_TEMPLATES.find((t) => t.id === 'blank')!.source;
    expect((await encodeSharedCode({ lab: 'abr', code: rateSized })).length).toBeLessThan(1100);
  });

  it('turns corrupt, truncated, foreign and oversized links into a message', async () => {
    const good = await encodeSharedCode({ lab: 'abr', code: 'export const x = 1;' });
    for (const bad of ['v2.abc', 'nonsense', 'v1.%%%', 'v1.AAAA', good.slice(0, good.length - 6), 'v1.' + btoa('{"v":1}').replace(/=/g, '')]) {
      const out = await decodeSharedCode(bad);
      expect(out.ok, bad).toBe(false);
      if (!out.ok) expect(out.error).toMatch(/could not be read/);
    }
    // a deflate bomb: 1 MB of spaces compresses to ~1 KB, and is refused while inflating
    const bomb = new Uint8Array(1024 * 1024).fill(32);
    const compressed = new Uint8Array(await new Response(new Blob([bomb]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const value = 'v1.' + btoa(String.fromCharCode(...compressed)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const out = await decodeSharedCode(value);
    expect(out).toEqual({ ok: false, error: expect.stringMatching(/larger than 64 KB/) });
    await expect(encodeSharedCode({ lab: 'abr', code: 'x'.repeat(MAX_SHARED_CODE_BYTES) })).rejects.toThrow(/too long to share/);
  });
});

describe('snippets', () => {
  it('are saved by name, listed per lab, replaced, deleted, and a refusing storage is a message', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(saveSnippet(storage, { name: ' mine ', lab: 'abr', code: 'a' }, 't1')).toBeNull();
    expect(saveSnippet(storage, { name: 'other', lab: 'abr', code: 'b' }, 't2')).toBeNull();
    expect(saveSnippet(storage, { name: 'mine', lab: 'abr', code: 'c' }, 't3')).toBeNull();
    expect(saveSnippet(storage, { name: 'k', lab: 'kafka', code: 'd' }, 't4')).toBeNull();
    expect(listSnippets(storage, 'abr').map((s) => [s.name, s.code])).toEqual([['mine', 'c'], ['other', 'b']]);
    expect(deleteSnippet(storage, 'abr', 'mine')).toBeNull();
    expect(listSnippets(storage, 'abr').map((s) => s.name)).toEqual(['other']);
    expect(saveSnippet(storage, { name: '  ', lab: 'abr', code: '' }, 't')).toMatch(/name/);
    map.set('sdl.code-lab.snippets.v1', '{broken');
    expect(listSnippets(storage, 'abr')).toEqual([]);
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceeded'); } };
    expect(saveSnippet(full, { name: 'x', lab: 'abr', code: '' }, 't')).toMatch(/refused/);
  });
});
