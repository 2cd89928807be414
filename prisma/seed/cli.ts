import { openDatabase } from '../src/index.ts';
import { deployMigrations } from '../src/migrate/index.ts';
import { resolveDatabaseConfig } from '../src/config.ts';
import { seedDatabase } from './index.ts';

const config = resolveDatabaseConfig();
await deployMigrations(config);
const db = await openDatabase(config);
try {
  const result = await seedDatabase(db.prisma);
  console.log(result.demo ? 'Seeded the demo service area (Guangzhou, ~200 staff).' : 'Database already has data; only reference data (menus) refreshed.');
} finally {
  await db.close();
}
