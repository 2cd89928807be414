import { z } from 'zod';
import { optionalFlag, optionalId, optionalText, pageArgs, timeRange } from '../../lib/list-args.ts';
import { orderFilter } from '../orders/orders.schemas.ts';

const workOrderState = z.enum(['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION', 'COMPLETED', 'CANCELLED']);

export const workOrderQueryArgs = z.object({
  ...pageArgs,
  sortBy: z.enum(['CREATED_AT', 'WORK_ORDER_NO']),
  sortDirection: z.enum(['ASC', 'DESC']),
  filter: z
    .object({
      order: orderFilter,
      workOrderNo: optionalText(80),
      positionId: optionalId('position'),
      categoryCode: optionalText(64),
      typeCode: optionalText(64),
      pendingInstall: optionalFlag,
      open: optionalFlag,
      timeState: z.enum(['NORMAL', 'WARNING', 'OVERDUE']).nullish().transform((value) => value ?? null),
      acceptOverdue: optionalFlag,
      state: workOrderState.nullish().transform((value) => value ?? null),
      createdAt: timeRange,
    })
    .nullish()
    .transform((value) => value ?? null),
});
