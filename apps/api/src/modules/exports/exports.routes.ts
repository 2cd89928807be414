import express, { Router, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { bearerToken, createContext, type GraphQLContext } from '../../context.ts';
import { logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { EXPORT_LANGUAGES } from './export-labels.ts';
import { ordersExport, workOrdersExport, type QueryExport } from './query-exports.ts';
import { OperationError, runOperation } from './run-operation.ts';
import type { SheetData } from './work-order-sheet-pdf.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a request was refused before anything ran. */
class BadRequest extends OperationError {
  constructor(message: string) {
    super(400, 'BAD_USER_INPUT', message);
  }
}

const lang = z.enum(EXPORT_LANGUAGES, { message: `must be one of ${EXPORT_LANGUAGES.join(', ')}` }).default('en');

/** The query string of an export: the query's own arguments, the filter as JSON. */
const exportParams = z.object({
  filter: z
    .string()
    .max(8_000, 'at most 8000 characters')
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    }),
  sortBy: z.string().max(40).optional(),
  sortDirection: z.string().max(10).optional(),
  lang,
});

const sheetsBody = z.object({
  workOrderIds: z.array(z.string()).min(1, 'give at least one').max(200, 'at most 200 at a time'),
  lang,
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new BadRequest(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

/**
 * File downloads the SPA cannot build from GraphQL pages alone: Excel exports of the order and
 * work-order queries (every page, streamed) and work-order sheets as PDF. They authenticate like
 * /graphql (Authorization: Bearer) and run the same GraphQL operations, so the rules and data
 * permissions are the GraphQL query's own.
 */
export function createExportRouter(services: Services, schema: GraphQLSchema): Router {
  const router = Router();
  const timeZone = services.config.timeZone;

  async function contextOf(req: Request): Promise<GraphQLContext> {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new OperationError(401, 'UNAUTHENTICATED', 'Send the session token as "Authorization: Bearer <token>".');
    const context = await createContext(services, { token, hostAddress: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
    if (!context.viewer) throw new OperationError(401, 'UNAUTHENTICATED', 'Session ended or token invalid; log in again.');
    return context;
  }

  function queryExport(spec: QueryExport) {
    return async (req: Request, res: Response) => {
      const params = parse(exportParams, req.query);
      const context = await contextOf(req);
      // Arguments left out take the query's defaults (a variable set to undefined would be refused).
      const variables = Object.fromEntries(Object.entries({ filter: params.filter, sortBy: params.sortBy, sortDirection: params.sortDirection, first: 200 }).filter(([, value]) => value !== undefined));
      const page = async (after: string | null) => (await runOperation<Record<string, never>>(schema, spec.document, { ...variables, after }, context))[spec.connection];
      // The first page runs before any byte is sent: a refused filter answers with a JSON error.
      const firstPage = await page(null);
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="${spec.name}-${stamp}.xlsx"`);
      res.setHeader('Cache-Control', 'no-store');
      // exceljs and pdfkit are large: loaded on the first export, not with every API process.
      const { writeQueryXlsx } = await import('./write-query-xlsx.ts');
      const { rows, truncated } = await writeQueryXlsx(res, spec, { lang: params.lang, timeZone, firstPage, nextPage: page });
      logger.info('query exported', { export: spec.name, rows, truncated, staffId: context.viewer?.staffId });
    };
  }

  router.get('/export/orders.xlsx', handle(queryExport(ordersExport)));
  router.get('/export/work-orders.xlsx', handle(queryExport(workOrdersExport)));

  router.post(
    '/export/work-order-sheets.pdf',
    express.json({ limit: '64kb' }),
    handle(async (req, res) => {
      const body = parse(sheetsBody, req.body);
      const context = await contextOf(req);
      const data = await runOperation<{ printWorkOrders: { ok: boolean; error: { code: string; message: string } | null; sheets: SheetData[] } }>(
        schema,
        PRINT_SHEETS,
        { input: { workOrderIds: body.workOrderIds } },
        context,
      );
      const outcome = data.printWorkOrders;
      if (!outcome.ok) throw new OperationError(outcome.error?.code === 'WORK_ORDER_NOT_FOUND' ? 404 : 400, outcome.error?.code ?? 'BAD_USER_INPUT', outcome.error?.message ?? 'Not printed.');
      // Rendered into memory first: a font or layout failure then answers with an error, not half a file.
      const buffer = new PassThrough();
      const chunks: Buffer[] = [];
      buffer.on('data', (chunk: Buffer) => chunks.push(chunk));
      const { writeWorkOrderSheetsPdf } = await import('./work-order-sheet-pdf.ts');
      await writeWorkOrderSheetsPdf(buffer, outcome.sheets, { lang: body.lang, timeZone });
      const name = outcome.sheets.length === 1 ? outcome.sheets[0].workOrder.workOrderNo : `work-orders-${outcome.sheets.length}`;
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(Buffer.concat(chunks));
    }),
  );
  return router;
}

/** Answers errors as JSON `{ errors: [{ message, extensions: { code } }] }`, like /graphql. */
function handle(route: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        // Mid-stream: the client sees a broken download rather than a truncated file that looks whole.
        logger.error('export failed while streaming', { message: (error as Error).message });
        res.destroy(error as Error);
        return;
      }
      if (error instanceof OperationError) {
        res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
        return;
      }
      logger.error('export failed', { message: (error as Error).message });
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  };
}

const PRINT_SHEETS = /* GraphQL */ `
  mutation PrintSheetsForPdf($input: PrintWorkOrdersInput!) {
    printWorkOrders(input: $input) {
      ok
      error { code message }
      sheets {
        copy
        printedAt
        printedBy { name staffNo }
        workOrder {
          workOrderNo state createdAt dueAt
          step { name nameEn }
          position { name nameEn }
          handler { name staffNo }
        }
        order {
          orderNo acceptanceNo businessCode orderType productCode customerName customerPhone broadbandAccount address acceptedAt
          organisation { name nameEn }
          demand { key value oldValue }
          resources { key oldValue newValue }
        }
      }
    }
  }
`;
