import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin, createOrganisation } from '../../../testing/factories.ts';
import { gqlRequest, type GraphQLResponse } from '../../../testing/graphql-client.ts';
import { submitOrders } from '../../../testing/orders.ts';
import { loginAs } from '../../../testing/sessions.ts';
import { startTestApp, type TestApp } from '../../../testing/test-app.ts';
import { testBackends } from '../../../testing/test-database.ts';
import { formatWallClock } from '../wall-clock.ts';

const WORK_ORDER_QUERY = /* GraphQL */ `
  query($filter: WorkOrderQueryFilter, $after: String) {
    workOrderQuery(filter: $filter, sortBy: WORK_ORDER_NO, sortDirection: ASC, first: 200, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id workOrderNo state createdAt step { name } order { customerName address } } }
    }
  }
`;

const ORDER_QUERY = /* GraphQL */ `
  query($filter: OrderQueryFilter, $after: String) {
    orders(filter: $filter, first: 200, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { orderNo customerName acceptedAt } }
    }
  }
`;

/** Every page of a connection, read as the SPA reads it. */
async function allNodes(url: string, token: string, query: string, field: string, filter: unknown) {
  const nodes: any[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const response: GraphQLResponse = await gqlRequest(url, query, { filter, after }, token);
    const connection: { edges: { node: any }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } | undefined = response.data?.[field];
    if (!connection) throw new Error(JSON.stringify(response));
    nodes.push(...connection.edges.map((edge: { node: unknown }) => edge.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { nodes, pages };
}

async function download(url: string, token: string | null): Promise<Response> {
  return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function readSheet(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, header: rows[0], rows: rows.slice(1) };
}

async function pdfText(bytes: ArrayBuffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const pages = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages;
}

describe.each(testBackends())('Excel exports and work-order sheet PDFs (%s)', (backend) => {
  let app: TestApp;
  let token: string;
  let outsider: string;
  let area: { id: number; code: string };
  const ORDERS = 205;

  beforeAll(async () => {
    app = await startTestApp(backend, { config: { crmPollMs: 60_000 } });
    const province = await createOrganisation(app.prisma, { level: 'PROVINCE' });
    area = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    const elsewhere = await createOrganisation(app.prisma, { parentId: province.id, level: 'CITY' });
    const admin = await createLogin(app.prisma, [{ organisationId: province.id, kinds: ['SYSTEM_ADMIN', 'WORK_ORDER'] }]);
    const other = await createLogin(app.prisma, [{ organisationId: elsewhere.id, kinds: ['GENERAL'] }]);
    token = await loginAs(app.url, admin.loginName, admin.password);
    outsider = await loginAs(app.url, other.loginName, other.password);
    // More than one 200-row page, so the export has to follow the cursor.
    await submitOrders(
      app,
      token,
      Array.from({ length: ORDERS }, (_, i) => ({ areaCode: area.code, customer: { name: `客户${String(i).padStart(3, '0')}`, address: `广州市天河区体育西路${i}号` } })),
    );
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('exports every page of the work-order query as .xlsx, rows equal to the GraphQL query, headers in the asked language', async () => {
    const filter = { order: { organisationId: String(area.id) } };
    const query = await allNodes(app.url, token, WORK_ORDER_QUERY, 'workOrderQuery', filter);
    expect(query.pages).toBeGreaterThan(1);
    expect(query.nodes.length).toBe(ORDERS);

    const params = new URLSearchParams({ filter: JSON.stringify(filter), sortBy: 'WORK_ORDER_NO', sortDirection: 'ASC', lang: 'zh-cn' });
    const response = await download(`${app.url}/export/work-orders.xlsx?${params}`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="work-orders-\d+\.xlsx"/);
    const sheet = await readSheet(response);
    expect(sheet.name).toBe('工单');
    expect(sheet.header.slice(0, 4)).toEqual(['工单号', '定单号', '环节', '状态']);
    expect(sheet.rows.map((row) => row[0])).toEqual(query.nodes.map((node) => node.workOrderNo));
    const customerColumn = sheet.header.indexOf('客户');
    const addressColumn = sheet.header.indexOf('地址');
    const createdColumn = sheet.header.indexOf('派发时间');
    sheet.rows.forEach((row, i) => {
      const node = query.nodes[i];
      expect(row[2]).toBe(node.step.name);
      expect(row[3]).toBe('待处理');
      expect(row[customerColumn]).toBe(node.order.customerName);
      expect(row[addressColumn]).toBe(node.order.address);
      // A real date cell, on the wall clock of the configured time zone.
      expect(row[createdColumn]).toBeInstanceOf(Date);
      expect((row[createdColumn] as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(formatWallClock(node.createdAt, app.config.timeZone));
    });
  });

  it('exports the order query with its default sort, in English', async () => {
    const filter = { organisationId: String(area.id), customerName: '客户1' };
    const query = await allNodes(app.url, token, ORDER_QUERY, 'orders', filter);
    // 客户100 … 客户199.
    expect(query.nodes.length).toBe(100);
    const response = await download(`${app.url}/export/orders.xlsx?${new URLSearchParams({ filter: JSON.stringify(filter), lang: 'en' })}`, token);
    expect(response.status, await response.clone().text()).toBe(200);
    const sheet = await readSheet(response);
    expect(sheet.name).toBe('Orders');
    expect(sheet.header.slice(0, 2)).toEqual(['Order', 'Acceptance no.']);
    expect(sheet.rows.map((row) => row[0])).toEqual(query.nodes.map((node) => node.orderNo));
    expect(sheet.rows.map((row) => row[sheet.header.indexOf('Customer')])).toEqual(query.nodes.map((node) => node.customerName));
    expect(new Set(sheet.rows.map((row) => row[sheet.header.indexOf('Order state')]))).toEqual(new Set(['Executing']));
    expect(new Set(sheet.rows.map((row) => row[sheet.header.indexOf('Order type')]))).toEqual(new Set(['New install']));
  });

  it('applies the data permissions, needs a session and names a bad argument', async () => {
    const outsideResponse = await download(`${app.url}/export/work-orders.xlsx`, outsider);
    expect(outsideResponse.status, await outsideResponse.clone().text()).toBe(200);
    const outside = await readSheet(outsideResponse);
    expect(outside.rows).toEqual([]);

    const anonymous = await download(`${app.url}/export/work-orders.xlsx`, null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const notJson = await download(`${app.url}/export/orders.xlsx?filter=%7Bnope`, token);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).errors[0].message).toBe('filter: not valid JSON');

    const badDate = await download(`${app.url}/export/orders.xlsx?${new URLSearchParams({ filter: JSON.stringify({ acceptedAt: { from: 'yesterday' } }) })}`, token);
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as any).errors[0].message).toMatch(/acceptedAt.*from/);

    const badLang = await download(`${app.url}/export/orders.xlsx?lang=fr`, token);
    expect(badLang.status).toBe(400);
    expect(((await badLang.json()) as any).errors[0].message).toBe('lang: must be one of en, zh-cn');

    const foreignArea = await download(`${app.url}/export/orders.xlsx?${new URLSearchParams({ filter: JSON.stringify({ organisationId: String(area.id) }) })}`, outsider);
    expect(foreignArea.status).toBe(404);
  });

  it('renders work-order sheets as a PDF with Chinese text, and records each as a print copy', async () => {
    const { nodes } = await allNodes(app.url, token, WORK_ORDER_QUERY, 'workOrderQuery', { order: { organisationId: String(area.id), customerName: '客户007' } });
    expect(nodes.length).toBe(1);
    const [workOrder] = nodes;
    const print = async (lang: string) =>
      fetch(`${app.url}/export/work-order-sheets.pdf`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ workOrderIds: [workOrder.id], lang }),
      });
    const first = await print('zh-cn');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="${workOrder.workOrderNo}.pdf"`);
    const [page] = await pdfText(await first.arrayBuffer());
    expect(page).toContain(workOrder.workOrderNo);
    expect(page).toContain('客户007');
    expect(page).toContain('广州市天河区体育西路7号');
    expect(page).toContain('正本');

    const second = await pdfText(await (await print('en')).arrayBuffer());
    expect(second[0]).toContain('Copy 2');
    expect(second[0]).toContain('Work-order sheet');

    const log = await gqlRequest(app.url, 'query($no: String!) { workOrderQuery(filter: { workOrderNo: $no }) { edges { node { order { log { action detail } } } } } }', { no: workOrder.workOrderNo }, token);
    const prints = log.data.workOrderQuery.edges[0].node.order.log.filter((line: { action: string }) => line.action === 'PRINT');
    expect(prints.map((line: { detail: string }) => line.detail)).toEqual(['sheet printed (copy 1)', 'sheet printed (copy 2)']);

    const foreign = await fetch(`${app.url}/export/work-order-sheets.pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${outsider}` },
      body: JSON.stringify({ workOrderIds: [workOrder.id] }),
    });
    expect(foreign.status).toBe(404);
    const empty = await fetch(`${app.url}/export/work-order-sheets.pdf`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ workOrderIds: [] }) });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).errors[0].message).toBe('workOrderIds: give at least one');
  });
});
