/** The live loop's speed control: presentation only (the runner just takes a number). */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

/** Slider position in [0, 1] → speed on a log scale from 0.1× to 1000×. */
export function speedFromSlider(x: number): number {
  const c = Math.max(0, Math.min(1, x));
  return MIN_SPEED * Math.pow(MAX_SPEED / MIN_SPEED, c);
}
export function sliderFromSpeed(speed: number): number {
  const s = Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed));
  return Math.log(s / MIN_SPEED) / Math.log(MAX_SPEED / MIN_SPEED);
}

/** Stops for the + / − keys, on the same 0.1×–1000× log scale as the slider. */
export const SPEED_STOPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export function nextSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_STOPS.find((s) => s > speed * 1.0001) ?? MAX_SPEED;
  return [...SPEED_STOPS].reverse().find((s) => s < speed / 1.0001) ?? MIN_SPEED;
}

/** "0.1×", "2.5×", "12×", "1000×" */
export function formatSpeed(speed: number): string {
  const text = speed < 10 ? String(Number(speed.toPrecision(2))) : String(Math.round(speed));
  return `${text}×`;
}

/** Speed slider positions (integers, so keyboard arrows move in even log steps). */
export const SPEED_SLIDER_STEPS = 400;
export function speedFromPosition(position: number): number {
  const raw = speedFromSlider(position / SPEED_SLIDER_STEPS);
  // keep 2 significant digits so the label and the speed agree
  return Number(raw.toPrecision(raw < 10 ? 2 : 3));
}
export function positionFromSpeed(speed: number): number {
  return Math.round(sliderFromSpeed(speed) * SPEED_SLIDER_STEPS);
}

/** A starting speed that plays the whole run in about a minute of wall time. */
export function defaultSpeedFor(horizonMs: number): number {
  const wanted = horizonMs / 60_000;
  let best = SPEED_STOPS[0];
  for (const s of SPEED_STOPS) if (Math.abs(Math.log(s / wanted)) < Math.abs(Math.log(best / wanted))) best = s;
  return Math.max(1, best);
}
