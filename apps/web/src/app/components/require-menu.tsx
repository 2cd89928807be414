import type { ReactNode } from 'react';
import { mayOpen } from '../menu/filter-menu';
import { findLeafByCode } from '../menu/menu-definition';
import { NoPermissionPage } from '../routes/no-permission-page';
import { useViewer } from '../session/viewer-context';

/** Shows `children` only when the viewer's menus grant `code`, with the leaf's own permission if it has one. */
export function RequireMenu({ code, children }: { code: string; children: ReactNode }) {
  const viewer = useViewer();
  const leaf = findLeafByCode(code);
  if (!viewer.menus.includes(code)) return <NoPermissionPage menuCode={code} />;
  if (leaf && !mayOpen(leaf, viewer.permissions)) return <NoPermissionPage menuCode={code} permission={leaf.permission} />;
  return <>{children}</>;
}
