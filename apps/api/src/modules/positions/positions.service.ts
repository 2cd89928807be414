import type { PrismaClient } from '@openiom/db';
import { PositionsRepository } from './positions.repository.ts';

/** Positions and position types; management screens (issue: system management) build on this. */
export class PositionsService {
  readonly repository: PositionsRepository;

  constructor(prisma: PrismaClient) {
    this.repository = new PositionsRepository(prisma);
  }
}
