import type { BillingLevel, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { likeLiteral } from '../../lib/like.ts';
import { outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';

export interface BillingOperatorRecord {
  staffId: number;
  staffNo: string;
  name: string;
  organisationName: string;
  level: BillingLevel;
}

const select = { id: true, staffNo: true, name: true, billingLevel: true, organisation: { select: { name: true } } } as const;

function record(row: { id: number; staffNo: string; name: string; billingLevel: BillingLevel | null; organisation: { name: string } }): BillingOperatorRecord {
  return { staffId: row.id, staffNo: row.staffNo, name: row.name, organisationName: row.organisation.name, level: row.billingLevel! };
}

/**
 * Billing operators (操作人员管理): which staff members use the billing services and at which level.
 * Only a super user appoints; everyone else sees just themselves.
 */
export class BillingOperatorsService {
  /** Called after a level changed (wired to the sessions refresh, so permissions follow at once). */
  onChanged: () => void = () => undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  async list(viewer: ViewerRecord, search: string | null): Promise<BillingOperatorRecord[]> {
    assertCan(viewer, 'billing:read');
    const everyone = viewer.permissions.has('billing:operators');
    const rows = await this.prisma.staff.findMany({
      where: {
        billingLevel: { not: null },
        ...(everyone ? {} : { id: viewer.staffId! }),
        ...(search ? { OR: [{ staffNo: { contains: likeLiteral(search), mode: 'insensitive' as const } }, { name: { contains: likeLiteral(search) } }] } : {}),
      },
      select,
      orderBy: { staffNo: 'asc' },
      take: 500,
    });
    return rows.map(record);
  }

  async setLevel(viewer: ViewerRecord, staffNo: string, level: BillingLevel | null): Promise<Outcome<BillingOperatorRecord | null>> {
    assertCan(viewer, 'billing:operators');
    const outcome = await outcomeOf(() =>
      this.prisma.$transaction(async (tx) => {
        const before = await tx.staff.findUnique({ where: { staffNo }, select: { ...select, active: true } });
        if (!before) throw new Refusal('NOT_FOUND', `There is no staff number ${staffNo}.`, 'staffNo');
        if (before.id === viewer.staffId) throw new Refusal('SELF', 'You cannot change your own billing level: another super user does that, so the billing area always keeps one.', 'staffNo');
        if (!before.active && level !== null) throw new Refusal('INACTIVE', `Staff number ${staffNo} is disabled: enable it before appointing it.`, 'staffNo');
        const saved = await tx.staff.update({ where: { id: before.id }, data: { billingLevel: level }, select });
        await this.audit.record(tx, viewer, {
          action: level === null ? 'billing-operator.remove' : before.billingLevel === null ? 'billing-operator.appoint' : 'billing-operator.change',
          entityType: 'Staff',
          entityId: saved.id,
          summary: `${saved.staffNo} ${saved.name}: ${before.billingLevel ?? 'none'} → ${level ?? 'none'}`,
          before: { billingLevel: before.billingLevel },
          after: { billingLevel: level },
        });
        return level === null ? null : record(saved);
      }),
    );
    if (outcome.ok) this.onChanged();
    return outcome;
  }
}
