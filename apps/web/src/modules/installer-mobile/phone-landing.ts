/** Below this width the home page sends team members to the phone view `/m`. */
export const PHONE_QUERY = '(max-width: 600px)';

const DESKTOP_KEY = 'openiom.preferDesktop';

/**
 * The installer tapped "desktop view" on their phone: for this browser tab, the home page stops
 * sending them back to `/m` (cleared when they open the phone view from the home page again).
 */
export function preferDesktop(prefer: boolean): void {
  try {
    if (prefer) window.sessionStorage.setItem(DESKTOP_KEY, '1');
    else window.sessionStorage.removeItem(DESKTOP_KEY);
  } catch {
    // Storage refused (private mode): the choice just does not stick.
  }
}

export function prefersDesktop(): boolean {
  try {
    return window.sessionStorage.getItem(DESKTOP_KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether the home page should send this viewer to the phone view. */
export function landsOnPhoneView({ phone, teamCount, desktopPreferred }: { phone: boolean; teamCount: number; desktopPreferred: boolean }): boolean {
  return phone && teamCount > 0 && !desktopPreferred;
}
