// Writes the map screen's bundled base map from the API's demo-area geometry (see demo-area.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAreaGeoJson } from '../src/integrations/geocoder/demo-area.ts';
import { demoAreaNames } from '../src/integrations/geocoder/demo-area-names.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/modules/dispatch-map/base-map/demo-area.json');
writeFileSync(target, `${JSON.stringify(demoAreaGeoJson(demoAreaNames()))}\n`);
console.log(`wrote ${target}`);
