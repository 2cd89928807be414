import type { ReactNode } from 'react';
import { NoPermissionPage } from '../routes/no-permission-page';
import { useViewer } from '../session/viewer-context';

/** Shows `children` only when the viewer's position types grant `code`. */
export function RequireMenu({ code, children }: { code: string; children: ReactNode }) {
  const viewer = useViewer();
  if (!viewer.menus.includes(code)) return <NoPermissionPage menuCode={code} />;
  return <>{children}</>;
}
