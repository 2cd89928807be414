import type { PositionKind, PrismaClient } from '@openiom/db';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { PositionsRepository } from './positions.repository.ts';

/** Positions and position types; management screens (issue: system management) build on this. */
export class PositionsService {
  readonly repository: PositionsRepository;

  constructor(prisma: PrismaClient) {
    this.repository = new PositionsRepository(prisma);
  }

  /** The positions the viewer's data permissions reach (e.g. the choices of a position condition). */
  visible(viewer: ViewerRecord, kind: PositionKind | null) {
    return this.repository.inScope(viewer.scope, kind);
  }
}
