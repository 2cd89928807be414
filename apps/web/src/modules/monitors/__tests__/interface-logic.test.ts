import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatInterfaceSelection, groupByInterface, parseInterfaceSelection, switchScreenOf, systemOf, type InterfaceMonitorRow } from '../interface-rows';
import { throttle } from '../throttle';

const row = (name: InterfaceMonitorRow['interface'], kind: string, failed = 0): InterfaceMonitorRow => ({
  interface: name,
  kind,
  succeeded: 1,
  failed,
  pending: 0,
});

describe('groupByInterface', () => {
  it('shows every interface in the order of an order’s way, kinds sorted, unused ones empty', () => {
    const groups = groupByInterface([row('SWITCH', 'SUSPEND', 1), row('PROVISIONING', 'NETWORK_MGMT'), row('RESOURCE', 'WIRING'), row('CRM_INBOUND', 'ORDER'), row('RESOURCE', 'PORT', 2), row('SWITCH', 'RESUME')]);
    expect(groups.map((g) => [g.interface, g.rows.map((r) => r.kind)])).toEqual([
      ['CRM_INBOUND', ['ORDER']],
      ['RESOURCE', ['PORT', 'WIRING']],
      ['PROVISIONING', ['NETWORK_MGMT']],
      ['CRM_OUTBOUND', []],
      ['SWITCH', ['RESUME', 'SUSPEND']],
    ]);
  });
});

describe('interface selection', () => {
  it('round-trips through the address', () => {
    const s = { interface: 'PROVISIONING' as const, kind: 'NETWORK_MGMT' };
    expect(formatInterfaceSelection(s)).toBe('PROVISIONING.NETWORK_MGMT');
    expect(parseInterfaceSelection('PROVISIONING.NETWORK_MGMT')).toEqual(s);
    expect(parseInterfaceSelection('CRM_INBOUND.ORDER')).toEqual({ interface: 'CRM_INBOUND', kind: 'ORDER' });
    expect(parseInterfaceSelection('SWITCH.RESTRICT_OUTGOING')).toEqual({ interface: 'SWITCH', kind: 'RESTRICT_OUTGOING' });
    for (const bad of [null, '', 'BILLING.X', 'RESOURCE.', 'RESOURCE.wiring;drop']) expect(parseInterfaceSelection(bad), String(bad)).toBeNull();
  });

  it('maps interfaces to the system whose requests they list', () => {
    expect(systemOf('RESOURCE')).toBe('RESOURCE');
    expect(systemOf('PROVISIONING')).toBe('PROVISIONING');
    expect(systemOf('CRM_OUTBOUND')).toBe('CRM');
    expect(systemOf('CRM_INBOUND')).toBeNull();
    expect(systemOf('SWITCH')).toBeNull();
  });
});

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, folds a burst into one more run a second later, then rests', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 1_000);
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    // Nothing more came: no third run.
    vi.advanceTimersByTime(5_000);
    expect(fn).toHaveBeenCalledTimes(2);
    throttled();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('forgets a pending run when cancelled', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 1_000);
    throttled();
    throttled();
    throttled.cancel();
    vi.advanceTimersByTime(2_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('switchScreenOf', () => {
  it('sends suspend and resume to the arrears screen, call restrictions to the call-permission screen', () => {
    expect(switchScreenOf('SUSPEND')).toEqual({ path: '/billing/arrears', menu: 'billing.arrears' });
    expect(switchScreenOf('RESUME').path).toBe('/billing/arrears');
    for (const action of ['RESTRICT_OUTGOING', 'ALLOW_OUTGOING', 'RESTRICT_INCOMING', 'ALLOW_INCOMING']) expect(switchScreenOf(action)).toEqual({ path: '/billing/call-permissions', menu: 'billing.call-permissions' });
  });
});
