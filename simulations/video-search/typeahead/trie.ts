/**
 * Typeahead on a trie whose every node keeps its top-k completions by popularity, precomputed at
 * build time: a keystroke walks one node down and reads the list, O(prefix length), whatever the
 * catalogue size (research §4.1). Popularity of a word = total views of the videos whose title or
 * tags contain it.
 */

export interface Suggestion {
  word: string;
  popularity: number;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  top: Suggestion[];
}

export interface Typeahead {
  readonly root: TrieNode;
  readonly topK: number;
  readonly words: number;
  readonly nodes: number;
}

export interface PrefixLookup {
  suggestions: Suggestion[];
  /** nodes visited walking down (root included) */
  nodesVisited: number;
}

/** Most popular first; equal popularity in alphabetical order (a stable, engine-independent order). */
export function bySuggestionRank(a: Suggestion, b: Suggestion): number {
  return b.popularity - a.popularity || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);
}

export function buildTypeahead(popularity: ReadonlyMap<string, number>, topK: number): Typeahead {
  const root: TrieNode = { children: new Map(), top: [] };
  let nodes = 1;
  const ranked = [...popularity].map(([word, p]) => ({ word, popularity: p })).sort(bySuggestionRank);
  // inserting in rank order: each node's list fills with its best completions first
  for (const s of ranked) {
    let node = root;
    if (node.top.length < topK) node.top.push(s);
    for (const ch of s.word) {
      let next = node.children.get(ch);
      if (!next) {
        node.children.set(ch, (next = { children: new Map(), top: [] }));
        nodes++;
      }
      node = next;
      if (node.top.length < topK) node.top.push(s);
    }
  }
  return { root, topK, words: ranked.length, nodes };
}

export function complete(t: Typeahead, prefix: string): PrefixLookup {
  let node: TrieNode | undefined = t.root;
  let nodesVisited = 1;
  for (const ch of prefix) {
    node = node.children.get(ch);
    if (!node) return { suggestions: [], nodesVisited };
    nodesVisited++;
  }
  return { suggestions: node.top, nodesVisited };
}

/** Word → summed views of the videos whose title or tags contain it (surface forms people type). */
export function wordPopularity(docs: readonly { title: string; tags: string[]; views: number }[], words: (text: string) => string[]): Map<string, number> {
  const popularity = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set([...words(doc.title), ...words(doc.tags.join(' '))]);
    for (const w of seen) popularity.set(w, (popularity.get(w) ?? 0) + doc.views);
  }
  return popularity;
}
