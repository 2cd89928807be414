import type { PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { SupervisionRepository } from './supervision.repository.ts';
import type { SupervisionOrderFilter, SupervisionRecord, SupervisionThresholds } from './supervision.types.ts';

const HOUR = 3_600_000;

/**
 * Supervision (督办) of the dispatch center's home-broadband orders. Ages are wall-clock time (the
 * customer waits through nights and weekends alike, and the seed speaks of hours of order age), not
 * working time like the time limits: an order is overdue `overdueHours` after acceptance, on the
 * warning list from `warningHours`; an appointment work order unclaimed `claimTimeoutHours` after its
 * creation is a claim timeout. Nothing is stored: the lists are read at the API's clock, and
 * `nextChangeAt` tells the screen when to read again for changes that come with time alone.
 */
export class SupervisionService {
  readonly repository: SupervisionRepository;

  constructor(
    prisma: PrismaClient,
    private readonly thresholds: SupervisionThresholds,
    private readonly organisations: OrganisationsService,
    private readonly now: () => Date,
  ) {
    this.repository = new SupervisionRepository(prisma);
  }

  async lists(viewer: ViewerRecord, filter: { areaId: number | null; search: string | null }, first: number): Promise<SupervisionRecord> {
    assertCan(viewer, 'orders:read');
    const orders: SupervisionOrderFilter = { areaPath: await this.organisations.visiblePath(viewer, filter.areaId, 'filter.areaId'), search: filter.search };
    const now = this.now();
    const { overdueHours, warningHours, claimTimeoutHours, claimStepCodes } = this.thresholds;
    const before = (hours: number) => new Date(now.getTime() - hours * HOUR);
    const overdueBound = before(overdueHours);
    const warningBound = before(warningHours);
    const claimBound = before(claimTimeoutHours);
    const scope = viewer.scope;
    // One after another: PGlite has one connection.
    const overdue = await this.repository.ordersAccepted(scope, orders, 'OVERDUE', { after: null, atOrBefore: overdueBound }, claimStepCodes, first, now);
    const warning = await this.repository.ordersAccepted(scope, orders, 'WARNING', { after: overdueBound, atOrBefore: warningBound }, claimStepCodes, first, now);
    const claimTimeout = await this.repository.unclaimed(scope, orders, claimBound, claimStepCodes, first, now);
    const next = await this.repository.nextCrossings(scope, orders, { warning: warningBound, overdue: overdueBound, claim: claimBound }, claimStepCodes);
    const candidates = [
      next.warning && next.warning.getTime() + warningHours * HOUR,
      next.overdue && next.overdue.getTime() + overdueHours * HOUR,
      next.claim && next.claim.getTime() + claimTimeoutHours * HOUR,
    ].filter((value): value is number => typeof value === 'number');
    return {
      asOf: now,
      nextChangeAt: candidates.length > 0 ? new Date(Math.min(...candidates)) : null,
      thresholds: { overdueHours, warningHours, claimTimeoutHours, claimStepCodes: [...claimStepCodes] },
      overdue,
      warning,
      claimTimeout,
    };
  }
}
