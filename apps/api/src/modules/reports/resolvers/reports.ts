import { z } from 'zod';
import type { DailyWorkOrderReportRowResolvers, ManagerDashboardResolvers, PositionOverdueCountResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

const reportArgs = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-MM-dd')
    .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'is not a calendar date')
    .nullish()
    .transform((date) => date ?? null),
});

export const dailyWorkOrderReport: QueryResolvers['dailyWorkOrderReport'] = (_parent, rawArgs, context) => {
  const { date } = parseInput(reportArgs, rawArgs);
  return context.services.reports.dailyReport(context.viewer as ViewerRecord, date);
};

export const DailyWorkOrderReportRow: DailyWorkOrderReportRowResolvers = {
  organisation: (row, _args, context) => (row.organisationId === null ? null : loadRequired(context.loaders.organisationById, row.organisationId, 'Organisation')),
  workOrderType: (row, _args, context) => (row.workOrderTypeCode === null ? null : context.loaders.workOrderTypeByCode.load(row.workOrderTypeCode)),
};

const dashboardArgs = z.object({ days: z.number().int().min(1, 'must be at least 1').max(31, 'must be at most 31') });

export const managerDashboard: QueryResolvers['managerDashboard'] = (_parent, rawArgs, context) => {
  const { days } = parseInput(dashboardArgs, rawArgs);
  return context.services.reports.dashboard(context.viewer as ViewerRecord, days);
};

const topArgs = z.object({ first: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50') });

// Each panel is its own query: a client asking for one panel pays for that one only.
export const ManagerDashboard: ManagerDashboardResolvers = {
  ordersInFlight: (_frame, _args, context) => context.services.reports.ordersInFlight(context.viewer as ViewerRecord),
  workOrdersInFlight: (_frame, _args, context) => context.services.reports.workOrdersInFlight(context.viewer as ViewerRecord),
  overdueTrend: (frame, _args, context) => context.services.reports.overdueTrend(context.viewer as ViewerRecord, frame),
  throughput: (frame, _args, context) => context.services.reports.throughput(context.viewer as ViewerRecord, frame),
  topOverduePositions: (_frame, rawArgs, context) => {
    const { first } = parseInput(topArgs, rawArgs);
    return context.services.reports.topOverduePositions(context.viewer as ViewerRecord, first);
  },
};

export const PositionOverdueCount: PositionOverdueCountResolvers = {
  position: (row, _args, context) => (row.positionId === null ? null : loadRequired(context.loaders.positionById, row.positionId, 'Position')),
};
