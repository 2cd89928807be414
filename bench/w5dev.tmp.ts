import { benchWorkOrderQuery } from './workloads/work-order-query.ts';
import { benchQueueFirstRows } from './workloads/queue-first-rows.ts';
process.env.OPENIOM_LOG_LEVEL = 'silent';
const url = 'postgresql://postgres@127.0.0.1:5432/openiom_w5_dev';
if (process.argv[2] === 'w5') console.log(JSON.stringify((await benchWorkOrderQuery(url, { generated: { orders: 222223, workOrders: 1_000_000, ms: 0 }, runs: Number(process.argv[3]) })).figures.map((f) => [f.id, f.value, f.baseline, f.ratio])));
if (process.argv[2] === 'w6') console.log((await benchQueueFirstRows(url, { runs: Number(process.argv[3]) })).notes);
