export const wordsPerMinute = 200;

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,/-]*/gu);
  return words ? words.length : 0;
}

/** Whole minutes at about 200 words per minute, never less than 1. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / wordsPerMinute));
}
