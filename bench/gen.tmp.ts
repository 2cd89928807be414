import pg from 'pg';
import { generateWorkOrders } from './lib/work-order-data.ts';
const c = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/openiom_w5_dev' });
await c.connect();
console.log(await generateWorkOrders(c, Number(process.argv[2])));
await c.end();
