import type { PrismaClient } from '../generated/client/client.ts';

/**
 * Attribute items (属性项) of the order parameters CRM sends in the seeded businesses (see
 * apps/api/src/integrations/crm/crm-message.examples.ts). None is required, so that CRM messages
 * without them keep flowing; an administrator makes one required per business on the screen.
 */
export const attributeItems = [
  { code: 'wantedNumber', name: '选定号码', nameEn: 'Chosen number', valueType: 'TEXT', businessCode: 'FIXED_NEW' },
  { code: 'numberSource', name: '号码来源', nameEn: 'Number source', valueType: 'TEXT', businessCode: 'FIXED_NEW' },
  { code: 'callerIdDisplay', name: '来电显示', nameEn: 'Caller ID display', valueType: 'TEXT', businessCode: 'FIXED_NEW' },
  { code: 'longDistance', name: '长途权限', nameEn: 'Long distance', valueType: 'TEXT', businessCode: 'FIXED_NEW' },
  { code: 'bandwidth', name: '带宽', nameEn: 'Bandwidth', valueType: 'TEXT', businessCode: 'BROADBAND_NEW' },
  { code: 'appointment', name: '预约时间', nameEn: 'Appointment', valueType: 'TEXT', businessCode: '' },
  { code: 'remark', name: '备注', nameEn: 'Remark', valueType: 'TEXT', businessCode: '' },
] as const;

export async function seedAttributeItems(prisma: PrismaClient): Promise<void> {
  for (const item of attributeItems) {
    await prisma.attributeItem.upsert({ where: { code_businessCode: { code: item.code, businessCode: item.businessCode } }, create: item, update: {} });
  }
}
