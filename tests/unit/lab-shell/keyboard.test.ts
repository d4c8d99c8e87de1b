import { describe, expect, it } from 'vitest';
import { commandForKey, SHORTCUTS } from '@/components/lab-shell/keyboard';
import { formatSpeed, nextSpeed, positionFromSpeed, speedFromPosition, defaultSpeedFor } from '@/components/lab-shell/speed';

const body = { tagName: 'BODY' };

describe('keyboard map', () => {
  it('maps the documented keys', () => {
    expect(commandForKey({ key: ' ', target: body })).toBe('toggle-play');
    expect(commandForKey({ key: 'ArrowRight', target: body })).toBe('step');
    expect(commandForKey({ key: '+', target: body })).toBe('speed-up');
    expect(commandForKey({ key: '=', target: body })).toBe('speed-up');
    expect(commandForKey({ key: '-', target: body })).toBe('speed-down');
    expect(commandForKey({ key: 'r', target: body })).toBe('reset');
    expect(commandForKey({ key: 'f', target: body })).toBe('presenter');
    expect(commandForKey({ key: '?', target: body })).toBe('help');
    expect(commandForKey({ key: 'x', target: body })).toBeNull();
  });

  it('ignores keys while typing, with modifiers, and activation keys on buttons', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) expect(commandForKey({ key: 'r', target: { tagName } })).toBeNull();
    expect(commandForKey({ key: 'r', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(commandForKey({ key: 'r', ctrlKey: true, target: body })).toBeNull();
    expect(commandForKey({ key: 'f', metaKey: true, target: body })).toBeNull();
    expect(commandForKey({ key: ' ', target: { tagName: 'BUTTON' } })).toBeNull();
    expect(commandForKey({ key: 'r', target: { tagName: 'BUTTON' } })).toBe('reset');
  });

  it('lists every command once in the help', () => {
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(SHORTCUTS.length);
  });
});

describe('speed', () => {
  it('steps along 0.1×…1000× and stops at the ends', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(12, 1)).toBe(20);
    expect(nextSpeed(12, -1)).toBe(10);
    expect(nextSpeed(1000, 1)).toBe(1000);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
  });

  it('labels speeds like the slider shows them', () => {
    expect(formatSpeed(12)).toBe('12×');
    expect(formatSpeed(0.1)).toBe('0.1×');
    expect(formatSpeed(2.5)).toBe('2.5×');
    expect(formatSpeed(1000)).toBe('1000×');
  });

  it('slider positions cover the log range', () => {
    expect(speedFromPosition(0)).toBeCloseTo(0.1);
    expect(speedFromPosition(400)).toBe(1000);
    expect(speedFromPosition(positionFromSpeed(10))).toBe(10);
    expect(defaultSpeedFor(600_000)).toBe(10);
    expect(defaultSpeedFor(10_000)).toBe(1);
  });
});

describe('step keys', () => {
  it('→ steps to the next visible event, Shift+→ one raw event, ← back, End to the end', () => {
    expect(commandForKey({ key: 'ArrowRight' })).toBe('step');
    expect(commandForKey({ key: 'ArrowRight', shiftKey: true })).toBe('step-raw');
    expect(commandForKey({ key: 'ArrowLeft' })).toBe('step-back');
    expect(commandForKey({ key: 'End' })).toBe('end');
    expect(commandForKey({ key: 'End', target: { tagName: 'INPUT' } })).toBeNull();
  });
});
