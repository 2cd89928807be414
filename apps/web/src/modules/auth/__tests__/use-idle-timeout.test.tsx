import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAST_ACTIVITY_STORAGE_KEY, useIdleTimeout } from '../hooks/use-idle-timeout';

describe('useIdleTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the timeout without activity', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimeout(60_000, onIdle, 1_000));
    act(() => vi.advanceTimersByTime(59_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(120_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('is postponed by keyboard and pointer activity', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimeout(60_000, onIdle, 1_000));
    act(() => vi.advanceTimersByTime(50_000));
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    act(() => vi.advanceTimersByTime(50_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => {
      window.dispatchEvent(new Event('pointermove'));
    });
    act(() => vi.advanceTimersByTime(59_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts activity in another tab', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimeout(60_000, onIdle, 1_000));
    act(() => vi.advanceTimersByTime(50_000));
    localStorage.setItem(LAST_ACTIVITY_STORAGE_KEY, String(Date.now()));
    act(() => vi.advanceTimersByTime(50_000));
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('does nothing without a timeout', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimeout(0, onIdle, 1_000));
    act(() => vi.advanceTimersByTime(10 * 60_000));
    expect(onIdle).not.toHaveBeenCalled();
  });
});
