import { createContext, useContext } from 'react';
import type { ViewerFieldsFragment } from '../../generated/graphql';

/** A viewer who has picked a staff number: what every page behind the login sees. */
export type ActiveViewer = ViewerFieldsFragment & { staff: NonNullable<ViewerFieldsFragment['staff']> };

export const ViewerContext = createContext<ActiveViewer | null>(null);

/** The logged-in viewer. Only valid below `RequireAuth`. */
export function useViewer(): ActiveViewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer() used outside RequireAuth');
  return viewer;
}

export function isActiveViewer(viewer: ViewerFieldsFragment | null | undefined): viewer is ActiveViewer {
  return !!viewer && viewer.staff !== null;
}
