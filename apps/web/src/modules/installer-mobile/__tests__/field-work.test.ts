import { describe, expect, it } from 'vitest';
import type { InstallerWorkOrderFragment } from '../../../generated/graphql';
import { cardKind, completionExceptions, installerWorkOrders, navigationLink, telLink } from '../field-work';
import { landsOnPhoneView } from '../phone-landing';

function wo(id: string, over: Partial<InstallerWorkOrderFragment> & { appointmentAt?: string | null } = {}): InstallerWorkOrderFragment {
  const { appointmentAt = null, ...rest } = over;
  return {
    __typename: 'WorkOrder',
    id,
    workOrderNo: `W${id}`,
    state: 'PENDING',
    timeState: 'NORMAL',
    acceptOverdue: false,
    dueAt: null,
    exceptionTypes: [],
    exceptionTypeDetails: [],
    step: { __typename: 'WorkflowStep', id: 's', code: 'INSTALL', name: '装机', nameEn: 'Installation', kind: 'FIELD_WORK' },
    handler: null,
    position: { __typename: 'Position', id: 'p1' },
    order: { __typename: 'Order', id: `o${id}`, orderNo: `O${id}`, customerName: '陈晓明', customerPhone: '139 2604 5871', address: '天河区五山路1号', appointmentAt, latitude: null, longitude: null },
    ...rest,
  } as InstallerWorkOrderFragment;
}
const me = { __typename: 'Staff' as const, id: '21' };
const other = { __typename: 'Staff' as const, id: '22' };

describe('installer work orders', () => {
  it('tells my work, work to claim and others’ work apart', () => {
    expect(cardKind(wo('1', { state: 'IN_PROGRESS', handler: me }), '21')).toBe('mine');
    expect(cardKind(wo('2'), '21')).toBe('to-claim');
    // Dispatched to me but not yet started counts as to claim (签收) by me.
    expect(cardKind(wo('3', { handler: me }), '21')).toBe('to-claim');
    expect(cardKind(wo('4', { state: 'IN_PROGRESS', handler: other }), '21')).toBe('other');
    expect(cardKind(wo('5', { handler: other }), '21')).toBe('other');
  });

  it('lists each work order once: mine first, then to claim, by appointment then due time; others’ work left out', () => {
    const mineLate = wo('1', { state: 'IN_PROGRESS', handler: me, appointmentAt: '2026-12-07T08:00:00Z' });
    const mineEarly = wo('2', { state: 'IN_PROGRESS', handler: me, appointmentAt: '2026-12-07T02:00:00Z' });
    const claimNoAppointment = wo('3', { dueAt: '2026-12-07T01:00:00Z' });
    const claimAppointment = wo('4', { appointmentAt: '2026-12-08T02:00:00Z' });
    const othersWork = wo('5', { state: 'IN_PROGRESS', handler: other });
    const list = installerWorkOrders([mineLate, mineEarly], [claimNoAppointment, claimAppointment, othersWork, mineEarly], '21');
    expect(list.map((w) => w.id)).toEqual(['2', '1', '4', '3']);
  });

  it('calls the customer by a tel: link of digits only, and navigates by coordinates (WGS 84) or else by address', () => {
    expect(telLink('139 2604-5871')).toBe('tel:13926045871');
    expect(telLink('+86 139 2604 5871')).toBe('tel:+8613926045871');
    expect(telLink(null)).toBeNull();
    expect(telLink('  ')).toBeNull();
    const at = navigationLink({ address: '天河区五山路1号', latitude: 23.15, longitude: 113.35 });
    expect(at).toContain('position=113.35,23.15');
    expect(at).toContain('coordinate=wgs84');
    expect(navigationLink({ address: '天河区五山路1号', latitude: null, longitude: null })).toBe(`https://uri.amap.com/search?keyword=${encodeURIComponent('天河区五山路1号')}&callnative=1`);
  });

  it('offers exactly the step’s exception types on completion, without the manual one, named where known', () => {
    const details = [
      { __typename: 'ExceptionType' as const, code: 'ONU_FAULT', name: 'ONU不可用或不匹配', nameEn: 'ONU unusable or mismatched', manual: false },
      { __typename: 'ExceptionType' as const, code: 'MANUAL', name: '人工异常', nameEn: 'Manual exception', manual: true },
    ];
    expect(completionExceptions({ exceptionTypes: ['ONU_FAULT', 'MANUAL', 'WRONG_ADDRESS'], exceptionTypeDetails: details })).toEqual([
      { code: 'ONU_FAULT', name: 'ONU不可用或不匹配', nameEn: 'ONU unusable or mismatched' },
      { code: 'WRONG_ADDRESS', name: 'WRONG_ADDRESS', nameEn: 'WRONG_ADDRESS' },
    ]);
    expect(completionExceptions({ exceptionTypes: ['MANUAL'], exceptionTypeDetails: details })).toEqual([]);
  });

  it('sends team members on a phone to the phone view, unless they asked for the desktop', () => {
    expect(landsOnPhoneView({ phone: true, teamCount: 1, desktopPreferred: false })).toBe(true);
    expect(landsOnPhoneView({ phone: false, teamCount: 1, desktopPreferred: false })).toBe(false);
    expect(landsOnPhoneView({ phone: true, teamCount: 0, desktopPreferred: false })).toBe(false);
    expect(landsOnPhoneView({ phone: true, teamCount: 2, desktopPreferred: true })).toBe(false);
  });
});
