/**
 * The shell's keyboard map. Pure, so the tests can check it and the help dialog can list it.
 */
export type ShellCommand = 'toggle-play' | 'step' | 'step-raw' | 'step-back' | 'end' | 'speed-up' | 'speed-down' | 'reset' | 'presenter' | 'help';

export interface Shortcut {
  command: ShellCommand;
  /** KeyboardEvent.key values */
  keys: string[];
  /** only with Shift held (and the plain key then means something else) */
  shift?: boolean;
  /** as printed in the help dialog */
  label: string;
  description: string;
}

export const SHORTCUTS: Shortcut[] = [
  { command: 'toggle-play', keys: [' ', 'Spacebar'], label: 'Space', description: 'Play / pause' },
  { command: 'step', keys: ['ArrowRight'], label: '→', description: 'Step to the next thing that happens (with a caption)' },
  { command: 'step-raw', keys: ['ArrowRight'], shift: true, label: 'Shift + →', description: 'Step one raw event (timers and samples too)' },
  { command: 'step-back', keys: ['ArrowLeft'], label: '←', description: 'Step back to the previous thing that happened' },
  { command: 'end', keys: ['End'], label: 'End', description: 'Go to the end of the run' },
  { command: 'speed-up', keys: ['+', '='], label: '+', description: 'Faster' },
  { command: 'speed-down', keys: ['-', '_'], label: '−', description: 'Slower' },
  { command: 'reset', keys: ['r', 'R'], label: 'R', description: 'Reset to t = 0' },
  { command: 'presenter', keys: ['f', 'F'], label: 'F', description: 'Presenter mode (large type, no chrome)' },
  { command: 'help', keys: ['?'], label: '?', description: 'Show these shortcuts' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** the focused element; only its kind matters */
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** keys a focused button / link / summary already acts on natively */
const ACTIVATION_KEYS = new Set([' ', 'Spacebar', 'Enter']);
const ACTIVATABLE_TAGS = new Set(['BUTTON', 'A', 'SUMMARY']);

const BY_KEY = new Map<string, ShellCommand>();
const BY_SHIFT_KEY = new Map<string, ShellCommand>();
for (const s of SHORTCUTS) for (const k of s.keys) (s.shift ? BY_SHIFT_KEY : BY_KEY).set(k, s.command);

/** The command for a keydown, or null when the key is not ours or the user is typing. */
export function commandForKey(e: KeyInput): ShellCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const t = e.target;
  if (t) {
    const tag = (t.tagName ?? '').toUpperCase();
    if (t.isContentEditable || TYPING_TAGS.has(tag)) return null;
    if (ACTIVATABLE_TAGS.has(tag) && ACTIVATION_KEYS.has(e.key)) return null;
  }
  if (e.shiftKey && BY_SHIFT_KEY.has(e.key)) return BY_SHIFT_KEY.get(e.key)!;
  return BY_KEY.get(e.key) ?? null;
}
