import { expect, type Locator } from '@playwright/test';

/** The row of an ag-grid showing `text` (a work-order number, say). */
export function gridRow(grid: Locator, text: string): Locator {
  return grid.locator('.ag-row', { hasText: text });
}

/** Scrolls an ag-grid to its last rows (whichever of its elements scrolls vertically). */
export async function scrollGridToEnd(grid: Locator): Promise<void> {
  await grid.evaluate((root) => {
    for (const el of root.querySelectorAll<HTMLElement>('*')) if (el.scrollHeight > el.clientHeight + 2 && /auto|scroll/.test(getComputedStyle(el).overflowY)) el.scrollTop = el.scrollHeight;
  });
}

/**
 * Brings a row into view, waiting for it to arrive (live): work-order lists show the oldest first and
 * other journeys add rows, so a new work order may be anywhere below the rows on screen.
 */
export async function revealGridRow(grid: Locator, text: string, timeout = 30_000): Promise<void> {
  await expect(async () => {
    if (!(await gridRow(grid, text).isVisible())) await scrollGridToEnd(grid);
    await expect(gridRow(grid, text)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout });
}

/**
 * Where to click a row's cell: near its top edge. ag-grid lays its (invisible) horizontal scroll bar
 * over the bottom of the last row on screen, and a click in the cell's middle can land on it.
 */
export const ROW_CLICK = { position: { x: 8, y: 6 } } as const;

/**
 * Clicks a row's cell until the row is selected. A live queue re-reads its rows whenever an event
 * arrives (other journeys run beside this one): a click that lands while its block is being re-read
 * can be lost, as it would be for a person, who clicks again.
 */
export async function clickUntilSelected(row: Locator, cell: string, options: { modifiers?: ('ControlOrMeta' | 'Shift')[] } = {}): Promise<void> {
  // A plain click always clicks once (it also ends the selection of other rows); a Ctrl+click only
  // while the row is not selected (it would toggle it off); either again only if the click was lost.
  let clicked = options.modifiers !== undefined;
  await expect(async () => {
    if (!clicked || !/\bag-row-selected\b/.test((await row.getAttribute('class')) ?? '')) {
      clicked = true;
      await row.locator(`[col-id="${cell}"]`).click({ ...ROW_CLICK, ...options });
    }
    await expect(row).toHaveClass(/ag-row-selected/, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
}
