import type { PrismaClient } from '@openiom/db';
import type { ViewerRecord } from '../auth/auth.types.ts';
import { OrganisationsRepository } from './organisations.repository.ts';
import type { OrganisationRecord } from './organisations.types.ts';

export class OrganisationsService {
  readonly repository: OrganisationsRepository;

  constructor(prisma: PrismaClient) {
    this.repository = new OrganisationsRepository(prisma);
  }

  /** Roots of the organisation tree under the viewer's data permissions. */
  roots(viewer: ViewerRecord): Promise<OrganisationRecord[]> {
    return this.repository.scopeRoots(viewer.scope);
  }

  /** The organisation, or null when it does not exist or lies outside the viewer's data permissions. */
  findVisible(viewer: ViewerRecord, id: number): Promise<OrganisationRecord | null> {
    return this.repository.findInScope(id, viewer.scope);
  }
}
