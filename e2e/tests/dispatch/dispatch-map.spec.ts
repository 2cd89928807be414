import { captureScreen } from '../../fixtures/capture-screen.ts';
import { DEMO } from '../../fixtures/demo-accounts.ts';
import { project, reportPositions } from '../../fixtures/locations.ts';
import { expect, test } from '../../fixtures/test.ts';

/** The map's first view (apps/web/src/modules/dispatch-map/lib/base-style.ts DEMO_VIEW). */
const DEMO_VIEW = { longitude: 113.33, latitude: 23.11, zoom: 10.2 };
/**
 * Installers of Tianhe's Chebei grid (GZ-TH-04, in the dispatcher's district) whom no other journey
 * uses; the location simulator is off in e2e, so nobody else stands in this corner of the grid.
 */
const INSIDE = [
  { login: 'gz20305', latitude: 23.135, longitude: 113.405 },
  { login: 'gz20306', latitude: 23.118, longitude: 113.425 },
];
const OUTSIDE = { login: 'gz20307', latitude: 23.152, longitude: 113.436 };
const BOX = { west: 113.395, north: 23.145, east: 113.43, south: 23.112 };

/** `datetime-local` text in the browser's zone (Asia/Shanghai, UTC+8, no summer time). */
const shanghaiInput = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

test.use({ who: DEMO.dispatcher });

test('box-select lists the staff inside the box, and their track plays back with the marker moving', async ({ page, baseURL, openSession }) => {
  // A track for the first installer: 16 fixes two minutes apart, driving east then north, ending 10 minutes ago.
  const start = new Date(Math.floor((Date.now() - 45 * 60_000) / 60_000) * 60_000);
  const track = Array.from({ length: 16 }, (_, k) => ({ at: new Date(start.getTime() + (k + 1) * 2 * 60_000), latitude: 23.12 + (k >= 8 ? (k - 7) * 0.003 : 0), longitude: 113.398 + Math.min(k, 8) * 0.003 }));
  const inside: string[] = [];
  inside.push((await reportPositions(baseURL!, INSIDE[0]!.login, [...track, { at: new Date(Date.now() - 60_000), ...INSIDE[0]! }])).staffNo);
  inside.push((await reportPositions(baseURL!, INSIDE[1]!.login, [{ at: new Date(Date.now() - 60_000), ...INSIDE[1]! }])).staffNo);
  const outside = (await reportPositions(baseURL!, OUTSIDE.login, [{ at: new Date(Date.now() - 60_000), ...OUTSIDE }])).staffNo;

  await page.goto('/dispatch/map');
  await expect(page.getByTestId('dispatch-map-ready')).toBeVisible();
  const canvas = page.locator('[data-testid="dispatch-map"] canvas.maplibregl-canvas');
  await expect(canvas).toBeVisible();
  const frame = (await canvas.boundingBox())!;

  // Box tool on, drag from the north-west corner to the south-east one.
  await page.getByTestId('map-box-tool').click();
  const from = project({ latitude: BOX.north, longitude: BOX.west }, DEMO_VIEW, frame);
  const to = project({ latitude: BOX.south, longitude: BOX.east }, DEMO_VIEW, frame);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();

  const list = page.getByTestId('map-selection-staff');
  await expect(list.locator('li')).toHaveCount(2);
  expect((await list.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-staff-no')))).sort()).toEqual([...inside].sort());
  await expect(page.getByTestId('map-selection-staff-count')).toHaveText('2');
  await expect(list).not.toContainText(outside);
  await captureScreen(page, 'dispatch-map-selection-en');

  // Play back the first installer's track only.
  await list.locator(`li[data-staff-no="${inside[1]}"] input[type="checkbox"]`).uncheck();
  const playback = page.getByTestId('track-playback');
  await playback.getByTestId('playback-from').fill(shanghaiInput(start));
  await playback.getByTestId('playback-to').fill(shanghaiInput(new Date(start.getTime() + 34 * 60_000)));
  await playback.getByRole('button', { name: 'Load tracks' }).click();
  await playback.getByLabel('Speed').selectOption('300');
  await playback.getByTestId('playback-play').click();
  const marker = page.getByTestId(`playback-marker-${inside[0]}`);
  await expect(marker).toBeVisible();
  const first = (await marker.boundingBox())!;
  const firstTime = await playback.getByTestId('playback-time').textContent();
  await page.waitForTimeout(1500);
  const later = (await marker.boundingBox())!;
  expect(Math.hypot(later.x - first.x, later.y - first.y)).toBeGreaterThan(3);
  expect(await playback.getByTestId('playback-time').textContent()).not.toBe(firstTime);
  // It keeps moving along the track, then stops at its end.
  await page.waitForTimeout(1500);
  const further = (await marker.boundingBox())!;
  expect(Math.hypot(further.x - later.x, further.y - later.y)).toBeGreaterThan(3);
  await captureScreen(page, 'dispatch-map-playback-en');

  // The same screen in Chinese, as a second dispatcher sees it.
  const zh = await openSession(DEMO.dispatcher, { language: 'zh-CN' });
  await zh.page.goto('/dispatch/map');
  await expect(zh.page.getByTestId('dispatch-map-ready')).toBeVisible();
  await zh.page.getByTestId('map-select-visible').click();
  await expect(zh.page.getByTestId('map-selection-staff')).toContainText(inside[0]!);
  await expect(zh.page.getByRole('heading', { name: '轨迹回放' })).toBeVisible();
  await captureScreen(zh.page, 'dispatch-map-selection-zh-cn');
});
