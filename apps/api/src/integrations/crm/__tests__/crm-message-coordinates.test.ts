import { describe, expect, it } from 'vitest';
import { exampleJsonMessage, parseCrmMessage } from '../crm-message.ts';

const withCustomer = (extra: Record<string, string>) => {
  const example = JSON.parse(exampleJsonMessage);
  return JSON.stringify({ ...example, customer: { ...example.customer, ...extra } });
};

describe('CRM order coordinates', () => {
  it('reads latitude and longitude of the address when both are given', () => {
    const result = parseCrmMessage(withCustomer({ latitude: '23.1291', longitude: '113.2644' }), 'JSON');
    expect(result.ok && result.order.customer).toMatchObject({ latitude: 23.1291, longitude: 113.2644 });
    const none = parseCrmMessage(exampleJsonMessage, 'JSON');
    expect(none.ok && 'latitude' in none.order.customer).toBe(false);
  });

  it('refuses one without the other, and values out of range', () => {
    expect(parseCrmMessage(withCustomer({ latitude: '23.1' }), 'JSON')).toMatchObject({ ok: false, reason: expect.stringContaining('give both or neither') });
    expect(parseCrmMessage(withCustomer({ latitude: '91', longitude: '113' }), 'JSON')).toMatchObject({ ok: false, reason: expect.stringContaining('customer.latitude "91"') });
    expect(parseCrmMessage(withCustomer({ latitude: '23', longitude: 'east' }), 'JSON')).toMatchObject({ ok: false, reason: expect.stringContaining('customer.longitude "east"') });
  });
});
