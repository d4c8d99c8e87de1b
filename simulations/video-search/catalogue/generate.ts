/**
 * A seeded synthetic video catalogue: titles, tags and descriptions drawn from topic vocabularies,
 * views from a Zipf law over a shuffled popularity rank (a few videos take most of the views, as
 * on any UGC platform). Same seed and size ⇒ the same catalogue.
 */
import type { RandomStream } from '../../core/rng';
import { DetMath } from '../../core/math';

export interface Video {
  id: number;
  title: string;
  tags: string[];
  description: string;
  views: number;
}

export interface CatalogueConfig {
  videos: number;
  /** Zipf exponent of views by popularity rank */
  zipf: number;
  /** views of the most-watched video */
  topViews: number;
}

interface Topic {
  subjects: string[];
  formats: string[];
  tags: string[];
}

/** Topic vocabularies: inflected forms on purpose (recipes/recipe, cooking/cook) so stemming matters. */
export const TOPICS: readonly Topic[] = [
  { subjects: ['lofi hip hop', 'lofi beats', 'jazz piano', 'rain sounds', 'study music'], formats: ['radio', 'mix', 'playlist', 'for studying', 'to relax'], tags: ['lofi', 'chill', 'music', 'study', 'beats', 'relaxing'] },
  { subjects: ['pasta', 'ramen', 'sourdough bread', 'pizza dough', 'curry'], formats: ['recipe', 'recipes', 'cooking tutorial', 'cooked in 10 minutes', 'for beginners'], tags: ['cooking', 'recipe', 'food', 'kitchen', 'easy', 'homemade'] },
  { subjects: ['minecraft', 'fortnite', 'zelda', 'elden ring', 'mario kart'], formats: ['speedrun', 'gameplay', 'walkthrough', 'funny moments', 'tips and tricks'], tags: ['gaming', 'gameplay', 'games', 'playthrough', 'lets play'] },
  { subjects: ['guitar', 'piano', 'drums', 'ukulele', 'violin'], formats: ['lesson', 'lessons for beginners', 'cover', 'chords', 'practice routine'], tags: ['music', 'lesson', 'tutorial', 'beginner', 'learning', 'instrument'] },
  { subjects: ['motorcycle', 'electric car', 'bicycle', 'tesla', 'camper van'], formats: ['review', 'road trip', 'repair', 'test ride', 'buying guide'], tags: ['cars', 'review', 'motorcycles', 'travel', 'ride', 'repair'] },
  { subjects: ['tokyo', 'iceland', 'new york', 'lisbon', 'bali'], formats: ['travel vlog', 'walking tour', 'on a budget', 'in 4k', 'food tour'], tags: ['travel', 'vlog', 'walking', 'city', 'tour', 'trip'] },
  { subjects: ['python', 'javascript', 'rust', 'system design', 'kubernetes'], formats: ['tutorial', 'crash course', 'interview questions', 'explained', 'for beginners'], tags: ['programming', 'coding', 'tutorial', 'software', 'developer', 'learning'] },
  { subjects: ['home workout', 'yoga', 'running', 'stretching', 'pilates'], formats: ['for beginners', 'in 20 minutes', 'routine', 'challenge', 'tips'], tags: ['fitness', 'workout', 'health', 'exercise', 'training'] },
  { subjects: ['black holes', 'the moon landing', 'volcanoes', 'quantum physics', 'dinosaurs'], formats: ['explained', 'documentary', 'in 5 minutes', 'facts', 'stories'], tags: ['science', 'space', 'documentary', 'education', 'history'] },
  { subjects: ['cat', 'dog', 'puppy', 'parrot', 'kitten'], formats: ['funny moments', 'compilation', 'playing', 'training tips', 'stories'], tags: ['pets', 'animals', 'funny', 'cute', 'cats', 'dogs'] },
];

const ADJECTIVES = ['best', 'easy', 'ultimate', 'quick', 'relaxing', 'epic', 'simple', 'live', 'amazing', 'honest', 'complete', 'new'];
const FILLER = ['in', 'this', 'video', 'we', 'try', 'the', 'a', 'and', 'of', 'with', 'for', 'you', 'how', 'to', 'my', 'is', 'our', 'full', 'watch', 'more', 'today', 'first', 'time', 'subscribe', 'channel', 'episode'];

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'to', 'ne', 'su', 'vi', 'da', 'ro', 'bi', 'ze', 'mo', 'ta', 'li', 'no'];

/** Channel names: a long tail of rare terms (most appear on a handful of videos), as real catalogues have. */
function channelNames(count: number, rng: RandomStream): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const parts = rng.int(2, 3);
    let name = '';
    for (let k = 0; k < parts; k++) name += rng.pick(SYLLABLES);
    names.add(name);
  }
  return [...names];
}

/** Edge n-gram terms a word adds to the index besides itself (analysis/analyzer.ts: lengths n … len − 1). */
function gramsOf(word: string, edgeNgramMin: number): number {
  return 1 + (edgeNgramMin > 0 ? Math.max(0, word.length - edgeNgramMin) : 0);
}

function topSum(values: number[], count: number): number {
  return [...values].sort((a, b) => b - a).slice(0, count).reduce((s, v) => s + v, 0);
}

const MAX_DESCRIPTION_WORDS = 24;
const MAX_TAGS = 5;
const CHANNEL_MAX_LENGTH = 6;

/**
 * The most postings one generated video can add over its three fields (a bound for the work budget,
 * computed from the vocabulary itself): title words + its tags and channel + the distinct words its
 * description can draw, each with its edge n-grams. Stemming only shortens words and merges them.
 */
export function maxPostingsPerVideo(edgeNgramMin: number): number {
  const g = (w: string) => gramsOf(w, edgeNgramMin);
  const words = (text: string) => text.split(' ');
  const channel = 1 + (edgeNgramMin > 0 ? Math.max(0, CHANNEL_MAX_LENGTH - edgeNgramMin) : 0);
  let worst = 0;
  for (const topic of TOPICS) {
    const subjectWords = topic.subjects.flatMap(words);
    const title = topSum(ADJECTIVES.map(g), 1) + Math.max(...topic.subjects.map((s) => words(s).reduce((a, w) => a + g(w), 0))) + Math.max(...topic.formats.map((f) => words(f).reduce((a, w) => a + g(w), 0)));
    const tags = topSum(topic.tags.flatMap(words).map(g), MAX_TAGS * 2) + channel;
    const pool = [...new Set([...FILLER, ...topic.tags.flatMap(words), ...subjectWords])];
    const description = topSum(pool.map(g), MAX_DESCRIPTION_WORDS) + 2 * channel;
    worst = Math.max(worst, title + tags + description);
  }
  return worst;
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

function pickFew(rng: RandomStream, from: readonly string[], min: number, max: number): string[] {
  const copy = [...from];
  rng.shuffle(copy);
  return copy.slice(0, rng.int(min, Math.min(max, copy.length)));
}

export function generateCatalogue(cfg: CatalogueConfig, rng: RandomStream): Video[] {
  const videos: Video[] = [];
  const channels = channelNames(Math.max(10, Math.round(cfg.videos / 8)), rng);
  for (let id = 0; id < cfg.videos; id++) {
    const topic = TOPICS[rng.int(0, TOPICS.length - 1)];
    const subject = rng.pick(topic.subjects);
    const format = rng.pick(topic.formats);
    const picked = rng.bernoulli(0.5) ? rng.pick(ADJECTIVES) : '';
    // no "New New York …": a title never repeats a word before stemming
    const adjective = picked && !subject.split(' ').includes(picked) ? `${picked} ` : '';
    const title = titleCase(`${adjective}${subject} ${format}`);
    const tags = pickFew(rng, topic.tags, 2, MAX_TAGS);
    const words: string[] = [];
    const length = rng.int(8, MAX_DESCRIPTION_WORDS);
    for (let w = 0; w < length; w++) {
      const r = rng.uniform();
      words.push(r < 0.55 ? rng.pick(FILLER) : r < 0.8 ? rng.pick(topic.tags) : rng.pick(rng.pick(topic.subjects).split(' ')));
    }
    const channel = channels[rng.zipf(channels.length, 1) - 1];
    videos.push({ id, title, tags: [...tags, channel], description: `${words.join(' ')} by ${channel}.`, views: 0 });
  }
  // popularity rank r (1 = top) shuffled over the videos; views = top / r^s
  const ranks = Array.from({ length: cfg.videos }, (_, k) => k + 1);
  rng.shuffle(ranks);
  for (const v of videos) v.views = Math.max(1, Math.round(cfg.topViews / DetMath.pow(ranks[v.id], cfg.zipf)));
  return videos;
}
