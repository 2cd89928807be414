import { captureScreen } from '../../fixtures/capture-screen.ts';
import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { E2eWorkOrderDeadlinesQuery, E2eWorkOrderPositionsQuery } from '../../fixtures/graphql/config-documents.ts';
import { expect, test } from '../../fixtures/test.ts';
import { CalendarPage } from '../../pages/calendar-page.ts';

// Panyu's Dashi grid (GZ-PY-02): no other journey has work there, so its calendar may change.
const GRID = 'GZ-PY-02';
const localDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

test('a holiday added for an area moves the due time of its open work orders past it, and clearing it moves it back', async ({ page, adminApi }) => {
  const { positions } = await adminApi.request(E2eWorkOrderPositionsQuery);
  const gridId = positions.find((p) => p.code === `${GRID}.INSTALL`)!.organisation.id;
  const order = await orderAtStep(adminApi, GRID, 'DISPATCH');
  const dueOf = async () => (await adminApi.request(E2eWorkOrderDeadlinesQuery, { id: order.orderId })).order!.workOrders.find((wo) => wo.id === order.workOrderId)!.dueAt!;
  const dueBefore = await dueOf();
  const dueDay = localDay(dueBefore);

  const calendar = new CalendarPage(page);
  await calendar.goto();
  await page.getByTestId('calendar-area').selectOption(gridId);
  await calendar.showYearOf(dueDay);
  const day = calendar.day(dueDay);
  await expect(day).toHaveAttribute('data-working', 'true');

  await day.click();
  await expect(day).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('calendar-holiday-name').fill('E2E 假日');
  await page.getByTestId('calendar-mark-holiday').click();
  await expect(calendar.message).toHaveText('Days marked as holidays: 1.');
  await expect(day).toHaveAttribute('data-working', 'false');
  await expect(day).toHaveAttribute('data-source', 'AREA');
  await expect(day).toHaveAttribute('title', 'E2E 假日');
  await captureScreen(page, 'calendar-holiday-en');

  // The open work order's deadline has moved past the holiday.
  const dueAfter = await dueOf();
  expect(Date.parse(dueAfter)).toBeGreaterThan(Date.parse(dueBefore));
  expect(localDay(dueAfter) > dueDay).toBe(true);

  // Back to the weekly default: the deadline is what it was.
  await day.click();
  await page.getByTestId('calendar-clear').click();
  await expect(calendar.message).toHaveText('Days back to the weekly default: 1.');
  await expect(day).toHaveAttribute('data-source', 'WEEK');
  expect(await dueOf()).toBe(dueBefore);
});

test('Shift+click selects a range of days', async ({ page }) => {
  const calendar = new CalendarPage(page);
  await calendar.goto();
  const year = await page.getByTestId('calendar-year').textContent();
  await calendar.day(`${year}-03-02`).click();
  await calendar.day(`${year}-03-06`).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('calendar-selected-count')).toContainText('Days selected: 5');
  await expect(page.locator('[data-testid="calendar-day"][aria-pressed="true"]')).toHaveCount(5);
});

test.describe('in Chinese', () => {
  test.use({ language: 'zh-CN' });
  test('the calendar reads in Chinese and shows the seeded holidays', async ({ page }) => {
    const calendar = new CalendarPage(page);
    await calendar.goto();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('日期管理');
    await calendar.showYearOf('2026-10-01');
    await expect(calendar.day('2026-10-01')).toHaveAttribute('data-working', 'false');
    await expect(calendar.day('2026-10-01')).toHaveAttribute('data-source', 'ALL_AREAS');
    await captureScreen(page, 'calendar-holidays-zh');
  });
});
