import { startOpenIOM, loadConfig } from '@openiom/api';
process.env.OPENIOM_LOG_LEVEL = 'silent';
const app = await startOpenIOM({ database: { kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/openiom_w5_dev' }, seed: false, config: { port: 0, webDist: null, redisUrl: null, crmPollMs: 3_600_000, alarms: { ...loadConfig().alarms, enabled: false }, interfaces: { ...loadConfig().interfaces, enabled: false } } });
const gql = async (token: string | null, query: string, variables: object) => {
  const r = await fetch(`${app.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  return r.json() as Promise<any>;
};
const login = async (name: string) => (await gql(null, 'mutation($input: LoginInput!) { login(input: $input) { ok token } }', { input: { loginName: name, password: 'openiom123' } })).data.login.token as string;
const Q = `query Q($filter: WorkOrderQueryFilter, $first: Int!, $after: String) { workOrderQuery(filter: $filter, first: $first, after: $after) { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { cursor node { id workOrderNo state createdAt acceptDueAt dueAt timeState acceptOverdue step { id name nameEn } position { id name nameEn } handler { id staffNo name } order { id orderNo customerName } } } } }`;
const scenarios: [string, string, object][] = JSON.parse(process.argv[2]);
for (const [user, label, variables] of scenarios) {
  const token = await login(user);
  const times: number[] = [];
  let last: any;
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); last = await gql(token, Q, { first: 50, ...variables }); times.push(performance.now() - t0); }
  console.log(label, times.map((t) => t.toFixed(1)).join(' '), last.errors ? JSON.stringify(last.errors) : `${last.data.workOrderQuery.edges.length} rows, count ${last.data.workOrderQuery.totalCount}`);
}
await app.stop();
