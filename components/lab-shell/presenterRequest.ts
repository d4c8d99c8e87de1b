/** What a lesson page's `f` key dispatches on the embed box it means (components/lesson/LessonShortcuts.tsx). */
export const PRESENTER_REQUEST_EVENT = 'sdlab:presenter';

interface Box {
  top: number;
  bottom: number;
}

/**
 * Which of a lesson's lab embeds a page-level key means: the one showing most of itself in the
 * viewport; when none is on screen, the nearest one. -1 when there is none. Pure (boxes in viewport
 * coordinates), so the tests can check it.
 */
export function embedInView(boxes: readonly Box[], viewportHeight: number): number {
  let best = -1;
  let bestScore = -Infinity;
  boxes.forEach((b, i) => {
    const visible = Math.min(b.bottom, viewportHeight) - Math.max(b.top, 0);
    // visible px count first; off-screen boxes score by (negative) distance to the viewport
    const score = visible > 0 ? visible : -(b.top >= viewportHeight ? b.top - viewportHeight : -b.bottom) - 1;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/**
 * A window event asking the lesson's embeds of one lab + preset to play their run to the end (a
 * Predict card once the guess is in): `detail` is `{ lab, preset }`.
 */
export const PLAY_TO_END_EVENT = 'sdlab:play-to-end';

export interface PlayToEndDetail {
  lab: string;
  preset?: string;
}
