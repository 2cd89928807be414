import { createFocusTrap } from 'focus-trap';
import { useEffect, useRef } from 'react';

/**
 * Opens a native `<dialog>` as a modal while the component is mounted, and keeps keyboard focus in it:
 * Tab and Shift+Tab cycle through its controls instead of leaving for the page or the browser's own
 * bar. Escape closes it (the dialog's `close` event); focus then returns to where the user was.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const trap = createFocusTrap(dialog, {
      // The dialog itself handles Escape (and tells its owner through `close`).
      escapeDeactivates: false,
      allowOutsideClick: true,
      fallbackFocus: dialog,
      // Keep the focus showModal gave (the first control, or the one marked autoFocus).
      initialFocus: false,
      returnFocusOnDeactivate: true,
    });
    trap.activate();
    return () => {
      trap.deactivate();
      dialog.close();
    };
  }, []);

  return ref;
}
