import { orderAtStep } from '../../fixtures/crm-orders.ts';
import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { expect, test } from '../../fixtures/test.ts';
import { WorkOrderQueuePage } from '../../pages/work-order-queue-page.ts';

test.use({ who: { login: DEMO.dispatcher.login } });

/** Whole rows the grid can show at once without scrolling: from under its header to above its horizontal scroll bar. */
async function rowCapacity(queue: WorkOrderQueuePage): Promise<number> {
  await expect(queue.grid.locator('.ag-row').first()).toBeVisible();
  return queue.grid.evaluate((grid) => {
    const box = (selector: string) => grid.querySelector(selector)!.getBoundingClientRect();
    const rowHeight = box('.ag-row').height;
    const scrollBar = grid.querySelector('.ag-body-horizontal-scroll');
    const bottom = scrollBar ? scrollBar.getBoundingClientRect().top : box('.ag-root-wrapper').bottom;
    return Math.floor((bottom - box('.ag-header').bottom) / rowHeight);
  });
}

test('on a 1920×1080 screen the queue shows at least 25 rows, with the detail beside it', async ({ page, adminApi }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const order = await orderAtStep(adminApi, 'GZ-TH-01', 'DISPATCH');
  const queue = new WorkOrderQueuePage(page);
  await queue.goto('by-position');
  await queue.reveal(order.workOrderNo);
  expect(await rowCapacity(queue)).toBeGreaterThanOrEqual(25);
  await queue.select(order.workOrderNo);
  // Side by side: the detail does not push the grid down.
  const [grid, detail] = await Promise.all([queue.grid.boundingBox(), queue.detail.boundingBox()]);
  expect(detail!.x).toBeGreaterThan(grid!.x + grid!.width - 1);
  expect(grid!.y + grid!.height).toBeLessThanOrEqual(1080);
  await captureScreen(page, 'work-orders-by-position-1920-en');
});

test('on a 1366×768 laptop the queue, its actions and the detail are all reachable without sideways scrolling', async ({ page, adminApi }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const order = await orderAtStep(adminApi, 'GZ-TH-01', 'DISPATCH');
  const queue = new WorkOrderQueuePage(page);
  await queue.goto('by-position');
  await queue.reveal(order.workOrderNo);
  expect(await rowCapacity(queue)).toBeGreaterThanOrEqual(10);
  for (const action of ['action-claim', 'action-complete', 'action-unlock', 'action-refresh']) {
    const box = await page.getByTestId(action).boundingBox();
    expect(box, action).not.toBeNull();
    expect(box!.x + box!.width, action).toBeLessThanOrEqual(1366);
  }
  await queue.select(order.workOrderNo);
  await queue.detail.scrollIntoViewIfNeeded();
  await expect(queue.detail).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  await captureScreen(page, 'work-orders-by-position-1366-en');
});

test('the queue is worked from the keyboard: move to a row, select it, complete it in a dialog that keeps focus', async ({ page, adminApi }) => {
  const order = await orderAtStep(adminApi, 'GZ-TH-01', 'DISPATCH');
  const queue = new WorkOrderQueuePage(page);
  await queue.goto('by-position');
  await queue.reveal(order.workOrderNo);

  // Into the grid with Tab, down to the work order with the arrow keys, select it with Space.
  await page.getByTestId('action-refresh').focus();
  await expect(page.getByTestId('action-refresh')).toBeFocused();
  const focusRing = await page.getByTestId('action-refresh').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(focusRing, 'a focused button shows its focus').not.toBe('none');
  // The queue lists the oldest first: Ctrl+ArrowDown jumps to the newest, then up to the work order.
  await queue.grid.locator('.ag-header-cell').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+ArrowDown');
  for (let i = 0; i < 100; i++) {
    const focused = await page.evaluate(() => document.activeElement?.closest('.ag-row')?.textContent ?? '');
    if (focused.includes(order.workOrderNo)) break;
    await page.keyboard.press('ArrowUp');
  }
  await expect(queue.row(order.workOrderNo).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(queue.row(order.workOrderNo)).toHaveClass(/ag-row-selected/);
  await expect(queue.detail).toBeVisible();

  // To the Complete action, open its dialog with Enter: focus moves into it and stays there.
  await page.getByTestId('action-complete').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('complete-dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), 'Tab stays in the dialog').toBe(true);
  }
  // Escape closes it without completing; focus returns to where the user was.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('action-complete')).toBeFocused();
  await expect(queue.row(order.workOrderNo)).toHaveClass(/ag-row-selected/);
});
