import { createContext, useContext, type ReactNode } from 'react';
import { useViewer } from './viewer-context';

/** The menu code of the screen being shown (set by the route guard). */
export const ScreenMenuContext = createContext<string | null>(null);

/**
 * Whether the viewer may make changes on the current screen: its menu permission carries operate.
 * Without it the screen is read-only (the API refuses the changes anyway).
 */
export function useMayOperate(permission?: string): boolean {
  const menu = useContext(ScreenMenuContext);
  const viewer = useViewer();
  if (permission !== undefined && !viewer.permissions.includes(permission)) return false;
  return menu === null || viewer.operableMenus.includes(menu);
}

/**
 * Shows its children (a screen's change buttons) only to viewers who may operate the screen and, when
 * given, hold `permission` (e.g. `billing:operate`, which billing operators have from their level).
 */
export function OperateOnly({ children, permission }: { children: ReactNode; permission?: string }) {
  return useMayOperate(permission) ? <>{children}</> : null;
}
