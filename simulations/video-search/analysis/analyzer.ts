/**
 * The analyzer: text → terms, the same chain for documents and queries (a query analysed differently
 * from the index finds nothing). Switches as in Lucene's analysis chain: lower-case filter, stop
 * filter, a light English stemmer, and edge n-grams for prefix matching (research §4.1).
 */

export interface AnalyzerConfig {
  lowercase: boolean;
  stopWords: boolean;
  stemming: boolean;
  /** edge n-grams from this length (0 = off): "motor" → "mo", "mot", "moto" for 2 (the whole term is always kept) */
  edgeNgramMin: number;
}

/** A short English stop list (Lucene's EnglishAnalyzer list, 33 words). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or',
  'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

/** Splits on anything that is not a letter or a digit (Unicode-aware), after NFKC normalisation. */
export function tokenize(text: string): string[] {
  // ASCII needs no normalisation and splits the same on the cheaper pattern (the catalogue is ASCII)
  const parts = !/[^\x20-\x7e]/.test(text) ? text.split(/[^A-Za-z0-9]+/) : text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u);
  return parts.filter((t) => t.length > 0);
}

/**
 * A light stemmer (S-stemmer plus -ing/-ed, in the spirit of Lucene's EnglishMinimalStemmer), not
 * Porter: "recipes" → "recipe", "cooking" → "cook", "played" → "play", "stories" → "story".
 * Terms of 3 letters or fewer are left alone.
 */
export function stem(term: string): string {
  if (term.length <= 3) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('ing') && term.length > 5) return undouble(term.slice(0, -3));
  if (term.endsWith('ed') && term.length > 4 && !term.endsWith('eed')) return undouble(term.slice(0, -2));
  if (term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us') && !term.endsWith('is')) return term.slice(0, -1);
  return term;
}

/** "runn" → "run", "stopp" → "stop": the doubled consonant left by -ing/-ed. */
function undouble(t: string): string {
  const n = t.length;
  if (n >= 3 && t[n - 1] === t[n - 2] && !'aeiouls'.includes(t[n - 1])) return t.slice(0, -1);
  return t;
}

/** The surface form a person types: tokenised and (if on) lower-cased, before stop words and stemming. */
export function surfaceTerms(text: string, cfg: Pick<AnalyzerConfig, 'lowercase'>): string[] {
  const tokens = tokenize(text);
  return cfg.lowercase ? tokens.map((t) => t.toLowerCase()) : tokens;
}

/** One term after the filters, or null when the stop filter drops it. */
export function analyzeTerm(surface: string, cfg: AnalyzerConfig): string | null {
  const probe = surface.toLowerCase();
  if (cfg.stopWords && STOP_WORDS.has(probe)) return null;
  return cfg.stemming ? stem(surface) : surface;
}

/** Text → index terms (with edge n-grams appended when on). */
export function analyze(text: string, cfg: AnalyzerConfig): string[] {
  const out: string[] = [];
  for (const surface of surfaceTerms(text, cfg)) {
    const term = analyzeTerm(surface, cfg);
    if (term === null) continue;
    out.push(term);
    if (cfg.edgeNgramMin > 0) for (let len = cfg.edgeNgramMin; len < term.length; len++) out.push(term.slice(0, len));
  }
  return out;
}

/** Query text → distinct query terms (no n-grams: a query term matches the n-grams indexed). */
export function analyzeQuery(text: string, cfg: AnalyzerConfig): string[] {
  const terms: string[] = [];
  for (const surface of surfaceTerms(text, cfg)) {
    const term = analyzeTerm(surface, cfg);
    if (term !== null && !terms.includes(term)) terms.push(term);
  }
  return terms;
}
