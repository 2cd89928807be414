// The SQL statements of the engine's hot path (order intake and step transitions), for the
// benchmark's raw-`pg` baseline: it issues exactly these, so the comparison measures the code around
// them (bench/workloads/order-flow.ts). The API itself uses them through its repositories.
export { parseCrmMessage } from './integrations/crm/crm-message.ts';
export { crmInboundSql } from './modules/orders/crm-inbound.repository.ts';
export { orderIntakeSql } from './modules/orders/orders.repository.ts';
export { bestPosition, dispatchRuleSql, manualStepKinds } from './modules/work-orders/dispatch-rules.ts';
export { transitionSql } from './modules/workflow/transition.repository.ts';
