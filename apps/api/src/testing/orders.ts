import { exampleJsonMessage } from '../integrations/crm/crm-message.ts';
import { unique } from './factories.ts';
import { gqlRequest } from './graphql-client.ts';
import type { TestApp } from './test-app.ts';

/** What differs from the example CRM order (a fixed-line new install); customer fields are merged. */
export interface OrderSpec {
  businessCode?: string;
  orderType?: string;
  areaCode?: string | null;
  acceptanceNo?: string | null;
  acceptedAt?: string;
  productCode?: string | null;
  broadbandAccount?: string | null;
  cancelsCrmOrderCode?: string;
  customer?: { name?: string; phone?: string | null; address?: string };
  parameters?: Record<string, string>;
}

/**
 * Orders made the way CRM makes them: one message per spec submitted through the API, all processed
 * before this returns. Resolves to each order's id and CRM code, in the order given.
 */
export async function submitOrders(app: TestApp, token: string, specs: OrderSpec[]): Promise<{ id: string; crmOrderCode: string }[]> {
  const example = JSON.parse(exampleJsonMessage);
  const messages: { id: string; crmOrderCode: string }[] = [];
  for (const spec of specs) {
    const crmOrderCode = unique('CRM');
    const payload = JSON.stringify({ ...example, ...spec, crmOrderCode, customer: { ...example.customer, ...spec.customer }, parameters: spec.parameters ?? example.parameters });
    const submitted = await gqlRequest(app.url, 'mutation($input: SubmitCrmMessageInput!) { submitCrmMessage(input: $input) { ok message { id } } }', { input: { format: 'JSON', payload } }, token);
    if (!submitted.data?.submitCrmMessage.ok) throw new Error(`not submitted: ${JSON.stringify(submitted)}`);
    messages.push({ id: submitted.data.submitCrmMessage.message.id, crmOrderCode });
    // A cancellation must find its target already created: process in submission order.
    await app.services.crmPoller.kick();
  }
  const orders = [];
  for (const message of messages) {
    const read = await gqlRequest(app.url, 'query($id: ID!) { crmInboundMessage(id: $id) { state failureReason order { id } } }', { id: message.id }, token);
    const inbound = read.data?.crmInboundMessage;
    if (inbound?.state !== 'PROCESSED') throw new Error(`message ${message.id} not processed: ${JSON.stringify(read)}`);
    orders.push({ id: inbound.order.id as string, crmOrderCode: message.crmOrderCode });
  }
  return orders;
}
