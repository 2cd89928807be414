import type { AttributeValueType, Prisma, PrismaClient } from '@openiom/db';
import { assertCan } from '../../auth/authorize.ts';
import { likeLiteral } from '../../lib/like.ts';
import { listSome, outcomeOf, Refusal, type Outcome } from '../../lib/refusal.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { ViewerRecord } from '../auth/auth.types.ts';
import type { AttributeItemInput, AttributeItemRecord } from './attribute-items.types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const select = { id: true, code: true, name: true, nameEn: true, valueType: true, businessCode: true, required: true, description: true } as const;

/** Whether a parameter value is of the item's type (text is anything). */
const valid: Record<AttributeValueType, (value: string) => boolean> = {
  TEXT: () => true,
  NUMBER: (value) => /^-?\d+(\.\d+)?$/.test(value.trim()),
  DATE: (value) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) && !Number.isNaN(Date.parse(value.trim().replace(' ', 'T'))),
  BOOLEAN: (value) => ['true', 'false', '1', '0', '是', '否'].includes(value.trim().toLowerCase()),
};
const typeWords: Record<AttributeValueType, string> = { TEXT: 'text', NUMBER: 'a number', DATE: 'a date (YYYY-MM-DD, optionally with a time)', BOOLEAN: 'true or false' };

/**
 * Attribute items (属性项配置): definitions of the order parameters CRM sends, per business or for
 * every business. The CRM intake checks each message against them (`problems`); the definitions are
 * kept in memory per process and dropped on every instance when one changes (`onChanged`).
 */
export class AttributeItemsService {
  /** Called after a change (wired to the static-data refresh of `attribute-items`). */
  onChanged: () => void = () => undefined;
  private cache: Promise<AttributeItemRecord[]> | null = null;
  private loaded = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: AuditLog,
  ) {}

  list(filter: { businessCode: string | null; search: string | null }): Promise<AttributeItemRecord[]> {
    const where: Prisma.AttributeItemWhereInput[] = [];
    if (filter.businessCode !== null) where.push({ businessCode: { in: ['', filter.businessCode] } });
    if (filter.search !== null) where.push({ OR: (['code', 'name', 'nameEn'] as const).map((field) => ({ [field]: { contains: likeLiteral(filter.search!), mode: 'insensitive' as const } })) });
    return this.prisma.attributeItem.findMany({ where: { AND: where }, select, orderBy: [{ businessCode: 'asc' }, { code: 'asc' }] });
  }

  /**
   * What is wrong with a CRM message's parameters for its business, in words a person can act on;
   * null when nothing is. A business's own item for a parameter replaces the every-business one.
   */
  async problems(db: Db, businessCode: string, parameters: Record<string, string>): Promise<string | null> {
    const items = new Map<string, AttributeItemRecord>();
    for (const item of await this.items(db)) {
      if (item.businessCode === '' && !items.has(item.code)) items.set(item.code, item);
      if (item.businessCode === businessCode) items.set(item.code, item);
    }
    const found: string[] = [];
    for (const item of items.values()) {
      const value = parameters[item.code];
      const label = `"${item.code}" (${item.name})`;
      if (value === undefined || value.trim() === '') {
        if (item.required) found.push(`parameter ${label} is required for business ${businessCode}`);
      } else if (!valid[item.valueType](value)) {
        found.push(`parameter ${label} must be ${typeWords[item.valueType]}, not "${value}"`);
      }
    }
    if (found.length === 0) return null;
    const text = found.join('; ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  /** How many definitions this process holds (static-data cache listing). */
  cachedEntries(): number {
    return this.cache ? this.loaded : 0;
  }

  forget(): void {
    this.cache = null;
    this.loaded = 0;
  }

  save(viewer: ViewerRecord, input: AttributeItemInput): Promise<Outcome<AttributeItemRecord>> {
    assertCan(viewer, 'config:write');
    return this.changed(
      outcomeOf(() =>
        this.prisma.$transaction(async (tx) => {
          if (input.businessCode !== '' && !(await tx.businessWorkflow.findUnique({ where: { businessCode: input.businessCode }, select: { businessCode: true } }))) {
            throw new Refusal('NO_SUCH_BUSINESS', `There is no business ${input.businessCode}: pick one that has a workflow, or none for every business.`, 'businessCode');
          }
          const clash = await tx.attributeItem.findUnique({ where: { code_businessCode: { code: input.code, businessCode: input.businessCode } }, select: { id: true } });
          if (clash && clash.id !== input.id) throw new Refusal('DUPLICATE_CODE', `Parameter ${input.code} is already defined for ${input.businessCode || 'every business'}.`, 'code');
          const before = input.id === null ? null : await tx.attributeItem.findUnique({ where: { id: input.id }, select });
          if (input.id !== null && !before) throw new Refusal('NOT_FOUND', `There is no attribute item ${input.id}.`, 'id');
          const data = { code: input.code, name: input.name, nameEn: input.nameEn, valueType: input.valueType, businessCode: input.businessCode, required: input.required, description: input.description };
          const saved = before ? await tx.attributeItem.update({ where: { id: before.id }, data, select }) : await tx.attributeItem.create({ data, select });
          await this.audit.record(tx, viewer, { action: before ? 'attribute-item.update' : 'attribute-item.create', entityType: 'AttributeItem', entityId: saved.id, summary: `${saved.code} ${saved.name} (${saved.businessCode || 'every business'})`, before: before ?? undefined, after: saved });
          return saved;
        }),
      ),
    );
  }

  /** Refused while orders in flight carry the parameter (they may still be read by it). */
  delete(viewer: ViewerRecord, id: number): Promise<Outcome<null>> {
    assertCan(viewer, 'config:write');
    return this.changed(
      outcomeOf(() =>
        this.prisma.$transaction(async (tx) => {
          const item = await tx.attributeItem.findUnique({ where: { id }, select });
          if (!item) throw new Refusal('NOT_FOUND', `There is no attribute item ${id}.`, 'id');
          const orders = await tx.order.findMany({
            where: { state: 'EXECUTING', ...(item.businessCode ? { businessCode: item.businessCode } : {}), demand: { some: { key: item.code } } },
            select: { orderNo: true },
            orderBy: { id: 'asc' },
            take: 11,
          });
          if (orders.length > 0) {
            const more = orders.length > 10 ? ' and more' : '';
            throw new Refusal('IN_USE', `Parameter ${item.code} is carried by orders in flight: ${listSome(orders.slice(0, 10).map((o) => o.orderNo))}${more}. Delete it once they are completed or cancelled.`, 'id');
          }
          await tx.attributeItem.delete({ where: { id } });
          await this.audit.record(tx, viewer, { action: 'attribute-item.delete', entityType: 'AttributeItem', entityId: id, summary: `${item.code} ${item.name} (${item.businessCode || 'every business'})`, before: item });
          return null;
        }),
      ),
    );
  }

  private items(db: Db): Promise<AttributeItemRecord[]> {
    if (!this.cache) {
      const loading = db.attributeItem.findMany({ select });
      this.cache = loading;
      loading.then(
        (rows) => {
          if (this.cache === loading) this.loaded = rows.length;
        },
        () => {
          if (this.cache === loading) this.cache = null;
        },
      );
    }
    return this.cache;
  }

  private async changed<T>(outcome: Promise<Outcome<T>>): Promise<Outcome<T>> {
    const result = await outcome;
    if (result.ok) {
      this.forget();
      this.onChanged();
    }
    return result;
  }
}
