import { readFile } from 'node:fs/promises';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { submitCrmOrder } from '../../fixtures/crm-orders.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import type { GraphQLClient } from '../../fixtures/graphql-client.ts';
import { E2eOrderQuery, E2eWorkOrderQuery } from '../../fixtures/graphql/query-documents.ts';
import { SCREENSHOT_DIR } from '../../fixtures/settings.ts';
import { expect, test } from '../../fixtures/test.ts';
import { QueryPage } from '../../pages/query-page.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

test.use({ who: { login: DEMO.dispatcher.login } });

const ORDERS = 3;

/**
 * Three broadband orders of one new customer name in the Shipai grid, each waiting at the Tianhe
 * dispatch center (the automatic steps before it done): from then on their work orders stay put.
 */
async function ordersOfNewCustomer(api: GraphQLClient): Promise<string> {
  const customer = `导出${Date.now().toString(36)}`;
  for (let i = 0; i < ORDERS; i += 1) {
    await submitCrmOrder(api, { areaCode: 'GZ-TH-01', businessCode: 'BROADBAND_NEW', orderType: 'NEW', customer: { name: customer, address: `广州市天河区石牌东路${i + 1}号` } });
  }
  const atDispatch = async () =>
    (await api.request(E2eWorkOrderQuery, { filter: { order: { customerName: customer }, typeCode: 'DISPATCH', state: 'PENDING' }, sortBy: 'CREATED_AT', sortDirection: 'DESC' })).workOrderQuery.totalCount;
  await expect.poll(atDispatch, { timeout: 60_000, message: 'the orders to reach the dispatch center' }).toBe(ORDERS);
  return customer;
}

/** Every page of the work-order query, as the export reads it. */
async function allWorkOrders(api: GraphQLClient, filter: Record<string, unknown>, sortBy: 'CREATED_AT' | 'WORK_ORDER_NO', sortDirection: 'ASC' | 'DESC') {
  const nodes = [];
  let after: string | null = null;
  do {
    const { workOrderQuery }: { workOrderQuery: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: { id: string; workOrderNo: string; order: { customerName: string; address: string } } }[] } } = await api.request(E2eWorkOrderQuery, { filter, sortBy, sortDirection, after });
    nodes.push(...workOrderQuery.edges.map((edge) => edge.node));
    after = workOrderQuery.pageInfo.hasNextPage ? (workOrderQuery.pageInfo.endCursor ?? null) : null;
  } while (after);
  return nodes;
}

for (const language of ['en', 'zh-CN'] as const) {
  test.describe(`queries (${language})`, () => {
    test.use({ language });
    const zh = language === 'zh-CN';

    test('work-order query: conditions kept in the URL across a reload, server sort, detail tabs, and an Excel export whose rows match the query', async ({ page, session, adminApi }) => {
      const customer = await ordersOfNewCustomer(adminApi);
      const screen = new QueryPage(page);
      await screen.goto('work-orders');
      await screen.field('customerName').fill(customer);
      await screen.field('type').selectOption('DISPATCH');
      await screen.search();
      await expect(page).toHaveURL(/customerName=/);
      await expect(page).toHaveURL(/type=DISPATCH/);
      await expect(screen.total).toHaveText(zh ? `共 ${ORDERS} 条` : `${ORDERS} found`);
      await expect(screen.rows()).toHaveCount(ORDERS);

      // A reload (or a shared link) runs the same query and fills the form again.
      await page.reload();
      await expect(screen.field('customerName')).toHaveValue(customer);
      await expect(screen.field('type')).toHaveValue('DISPATCH');
      await expect(screen.rows()).toHaveCount(ORDERS);

      // All work orders of these orders, sorted by number on the server.
      await screen.field('type').selectOption('');
      await screen.search();
      await expect(page).not.toHaveURL(/type=/);
      await screen.grid.locator('.ag-header-cell[col-id="workOrderNo"]').click();
      await expect(page).toHaveURL(/sort=WORK_ORDER_NO/);
      const dir = new URL(page.url()).searchParams.get('dir') as 'ASC' | 'DESC';
      const expected = await allWorkOrders(session!.client, { order: { customerName: customer } }, 'WORK_ORDER_NO', dir);
      expect(expected.length).toBeGreaterThan(ORDERS);
      await expect(screen.rows()).toHaveCount(expected.length);
      await expect(screen.rows().first()).toContainText(expected[0].workOrderNo);

      await screen.row(expected[0].workOrderNo).locator('[col-id="step"]').click();
      await expect(screen.detail).toBeVisible();
      await page.getByTestId('detail-tab-order').click();
      await expect(page.getByTestId('order-info')).toContainText(expected[0].order.address);
      await captureScreen(page, `queries-work-orders-${language}`);

      const exported = await screen.export();
      expect(exported.download.suggestedFilename()).toMatch(/^work-orders-\d+\.xlsx$/);
      expect(exported.name).toBe(zh ? '工单' : 'Work orders');
      expect(exported.header[0]).toBe(zh ? '工单号' : 'Work order');
      expect(exported.rows.map((row) => row[0])).toEqual(expected.map((node) => node.workOrderNo));
      const customerColumn = exported.header.indexOf(zh ? '客户' : 'Customer');
      expect(new Set(exported.rows.map((row) => row[customerColumn]))).toEqual(new Set([customer]));
    });

    test('order query: every order of a customer, the order detail tabs, and the export', async ({ page, session, adminApi }) => {
      const customer = await ordersOfNewCustomer(adminApi);
      const screen = new QueryPage(page);
      await screen.goto('orders', `?${new URLSearchParams({ customerName: customer, orderState: 'EXECUTING' })}`);
      await expect(screen.field('customerName')).toHaveValue(customer);
      await expect(screen.field('orderState')).toHaveValue('EXECUTING');
      await expect(screen.total).toHaveText(zh ? `共 ${ORDERS} 条` : `${ORDERS} found`);
      const { orders } = await session!.client.request(E2eOrderQuery, { filter: { customerName: customer, state: 'EXECUTING' } });
      const orderNos = orders.edges.map((edge) => edge.node.orderNo);
      await expect(screen.rows()).toHaveCount(ORDERS);
      await expect(screen.rows().first()).toContainText(orderNos[0]);

      await screen.row(orderNos[1]).locator('[col-id="customer"]').click();
      await expect(screen.detail).toBeVisible();
      await expect(page.getByTestId('detail-tab-workOrder')).toHaveCount(0);
      await expect(page.getByTestId('order-info')).toContainText(orderNos[1]);
      await captureScreen(page, `queries-orders-${language}`);

      const exported = await screen.export();
      expect(exported.header[0]).toBe(zh ? '定单号' : 'Order');
      expect(exported.rows.map((row) => row[0])).toEqual(orderNos);

      // A link with a condition the screen cannot mean says so instead of silently widening the query.
      await screen.goto('orders', `?${new URLSearchParams({ customerName: customer, orderState: 'DONE' })}`);
      await expect(page.getByTestId('query-invalid')).toContainText('orderState=DONE');
    });

    test('print: the sheets of the selected work orders open without the app chrome, record the copy, and come as a PDF too', async ({ page, adminApi }) => {
      const customer = await ordersOfNewCustomer(adminApi);
      const screen = new QueryPage(page);
      await screen.goto('work-orders', `?${new URLSearchParams({ customerName: customer, type: 'DISPATCH' })}`);
      await expect(screen.rows()).toHaveCount(ORDERS);
      const first = screen.rows().nth(0);
      const workOrderNo = (await first.locator('[col-id="workOrderNo"]').innerText()).trim();
      await first.locator('[col-id="step"]').click();
      const [printPage] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('action-print').click()]);
      await expect(printPage).toHaveURL(/\/print\/work-orders\?ids=\d+$/);
      const sheet = printPage.getByTestId('work-order-sheet');
      // A new tab loads the app, the session and the print page's code before printing.
      await expect(sheet).toHaveCount(1, { timeout: 30_000 });
      await expect(sheet).toContainText(workOrderNo);
      await expect(sheet).toContainText(customer);
      await expect(sheet).toContainText('广州市天河区石牌东路');
      await expect(sheet).toContainText(zh ? '调度中心' : 'Dispatch center');
      await expect(printPage.getByTestId('sheet-copy')).toHaveText(zh ? '正本' : 'Original');
      await expect(printPage.locator('.main-layout')).toHaveCount(0);
      await captureScreen(printPage, `print-work-orders-${language}`);
      await printPage.emulateMedia({ media: 'print' });
      await expect(printPage.getByTestId('print-now')).toBeHidden();
      await captureScreen(printPage, `print-work-orders-paper-${language}`);
      await printPage.emulateMedia({ media: 'screen' });

      const [download] = await Promise.all([printPage.waitForEvent('download'), printPage.getByTestId('print-pdf').click()]);
      expect(download.suggestedFilename()).toBe(`${workOrderNo}.pdf`);
      const pdf = await readFile(await download.path());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      if (SCREENSHOT_DIR) await download.saveAs(`${SCREENSHOT_DIR}/print-work-orders-${language}.pdf`);

      // Opening the sheets again prints the next copy (the PDF was copy 2).
      await printPage.reload();
      await expect(printPage.getByTestId('sheet-copy')).toHaveText(zh ? '副本 3' : 'Copy 3');
      await printPage.close();

      // The queue's toolbar prints the selected work orders the same way.
      const queue = new WorkOrderQueuePage(page);
      await queue.goto('by-position');
      // Many work orders wait at the dispatch center and this one may be the last row, under the grid's
      // overlay scrollbar: click the row's cell itself rather than the point where it shows.
      await queue.row(workOrderNo).locator('[col-id="step"]').dispatchEvent('click');
      await expect(queue.detail).toBeVisible();
      const [fromQueue] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('action-print').click()]);
      await expect(fromQueue.getByTestId('work-order-sheet')).toContainText(workOrderNo, { timeout: 30_000 });
      await expect(fromQueue.getByTestId('sheet-copy')).toHaveText(zh ? '副本 4' : 'Copy 4');
    });
  });
}
