import type { PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { StaffRepository } from './staff.repository.ts';
import type { OnlineStaffEventRecord, OnlineStaffRecord, StaffPage, StaffPageRequest } from './staff.types.ts';

export class StaffService {
  readonly repository: StaffRepository;

  constructor(
    prisma: PrismaClient,
    private readonly organisations: OrganisationsService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new StaffRepository(prisma);
  }

  async list(viewer: ViewerRecord, request: Omit<StaffPageRequest, 'organisationPath'> & { organisationId: number | null }): Promise<StaffPage> {
    assertCan(viewer, 'staff:read');
    const organisationPath = await this.organisations.visiblePath(viewer, request.organisationId, 'filter.organisationId');
    return this.repository.page(viewer.scope, { ...request, organisationPath });
  }

  online(viewer: ViewerRecord): Promise<OnlineStaffRecord[]> {
    assertCan(viewer, 'staff:online');
    return this.repository.online(viewer.scope, new Date(this.now().getTime() - viewer.idleTimeoutMinutes * 60_000));
  }

  /** Whether a subscriber may receive an online-staff event (it concerns staff in their scope). */
  async mayReceive(viewer: ViewerRecord, event: OnlineStaffEventRecord): Promise<boolean> {
    if (!viewer.permissions.has('staff:online')) return false;
    return this.repository.isInScope(event.staffId, viewer.scope);
  }
}
