import { z } from 'zod';
import { CRM_ORDER_TYPES } from '../../integrations/crm/crm-message.ts';
import { optionalFlag, optionalId, optionalText, pageArgs, timeRange } from '../../lib/list-args.ts';

export const submitCrmMessageInput = z.object({ format: z.enum(['XML', 'JSON']), payload: z.string().min(1, 'the payload is empty') });
export const messageIdArgs = z.object({ id: z.string().regex(/^\d{1,18}$/, 'not a valid message id').transform((id) => BigInt(id)) });
export const orderIdArgs = z.object({ id: z.string().regex(/^\d{1,9}$/, 'not a valid order id').transform(Number) });

/** OrderQueryFilter; also the `order` part of WorkOrderQueryFilter. */
export const orderFilter = z
  .object({
    organisationId: optionalId('organisation'),
    acceptanceNo: optionalText(64),
    orderNo: optionalText(64),
    customerName: optionalText(100),
    customerPhone: optionalText(32),
    broadbandAccount: optionalText(64),
    address: optionalText(100),
    state: z
      .enum(['EXECUTING', 'COMPLETED', 'CANCELLED', 'REJECTED'])
      .nullish()
      .transform((value) => value ?? null),
    productCode: optionalText(64),
    orderType: z
      .enum(CRM_ORDER_TYPES, { message: `must be one of ${CRM_ORDER_TYPES.join(', ')}` })
      .nullish()
      .transform((value) => value ?? null),
    changedOrCancelled: optionalFlag,
    timeState: z.enum(['NORMAL', 'WARNING', 'OVERDUE']).nullish().transform((value) => value ?? null),
    acceptedAt: timeRange,
  })
  .nullish()
  .transform((value) => value ?? null);

export const orderQueryArgs = z.object({
  ...pageArgs,
  sortBy: z.enum(['ACCEPTED_AT', 'ORDER_NO']),
  sortDirection: z.enum(['ASC', 'DESC']),
  filter: orderFilter,
});
