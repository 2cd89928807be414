export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls during the pause are
 * folded into one more run at its end (so the last change is never missed).
 */
export function throttle(fn: () => void, ms: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;

  const open = () => {
    timer = undefined;
    if (pending) {
      pending = false;
      run();
    }
  };
  const run = () => {
    fn();
    timer = setTimeout(open, ms);
  };

  const throttled = (() => {
    if (timer !== undefined) pending = true;
    else run();
  }) as Throttled;
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
  };
  return throttled;
}
