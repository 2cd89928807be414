import { demoArea } from '@openiom/db/seed';

/** Names of the demo districts and grids by code (as the seed names the organisations), for the base map's labels. */
export function demoAreaNames(): Record<string, { name: string; nameEn: string }> {
  const names: Record<string, { name: string; nameEn: string }> = {};
  for (const district of demoArea.districts) {
    names[district.code] = { name: district.name, nameEn: district.nameEn };
    district.grids.forEach(([name, nameEn], index) => {
      names[`${district.code}-${String(index + 1).padStart(2, '0')}`] = { name, nameEn };
    });
  }
  return names;
}
