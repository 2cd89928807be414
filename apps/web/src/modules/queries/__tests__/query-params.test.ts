import { describe, expect, it } from 'vitest';
import { parseOrderQuery, parseWorkOrderQuery, startOfDay, toSearchParams } from '../query-params';
import { parsePrintIds } from '../print-path';

describe('query conditions in the URL', () => {
  it('reads every order condition into the API filter, dates as local days with an exclusive end', () => {
    const params = new URLSearchParams(
      'area=12&acceptanceNo=SL001&orderNo=O1&customerName=%20陈%20&customerPhone=139&broadbandAccount=gz1&address=体育西&orderState=EXECUTING&productCode=PSTN_HOME&orderType=MOVE&changedOrCancelled=no&orderTimeState=OVERDUE&acceptedFrom=2024-06-01&acceptedTo=2024-06-30&sort=ORDER_NO&dir=ASC',
    );
    expect(parseOrderQuery(params)).toEqual({
      filter: {
        organisationId: '12',
        acceptanceNo: 'SL001',
        orderNo: 'O1',
        customerName: '陈',
        customerPhone: '139',
        broadbandAccount: 'gz1',
        address: '体育西',
        state: 'EXECUTING',
        productCode: 'PSTN_HOME',
        orderType: 'MOVE',
        changedOrCancelled: false,
        timeState: 'OVERDUE',
        acceptedAt: { from: new Date(2024, 5, 1).toISOString(), to: new Date(2024, 6, 1).toISOString() },
      },
      sortBy: 'ORDER_NO',
      sortDirection: 'ASC',
      invalid: [],
    });
  });

  it('puts the order conditions of the work-order query under `order`, and defaults the sort', () => {
    const parsed = parseWorkOrderQuery(new URLSearchParams('customerName=陈&workOrderNo=O1-INSTALL&position=7&category=FIELD&type=INSTALL&state=PENDING&timeState=WARNING&pendingInstall=yes&open=yes&acceptOverdue=no&createdTo=2024-06-02'));
    expect(parsed.filter).toEqual({
      order: { customerName: '陈' },
      workOrderNo: 'O1-INSTALL',
      positionId: '7',
      categoryCode: 'FIELD',
      typeCode: 'INSTALL',
      state: 'PENDING',
      timeState: 'WARNING',
      pendingInstall: true,
      open: true,
      acceptOverdue: false,
      createdAt: { to: startOfDay('2024-06-03') },
    });
    expect(parsed).toMatchObject({ sortBy: 'CREATED_AT', sortDirection: 'DESC', invalid: [] });
    expect(parseWorkOrderQuery(new URLSearchParams()).filter).toEqual({});
  });

  it('ignores values a link cannot mean, and says which', () => {
    const parsed = parseWorkOrderQuery(new URLSearchParams('orderState=DONE&area=x1&open=maybe&createdFrom=2024-13&createdTo=2024-01-01&acceptedFrom=2024-02-02&acceptedTo=2024-02-01&sort=NAME'));
    expect(parsed.filter).toEqual({ order: { acceptedAt: { from: startOfDay('2024-02-02') } }, createdAt: { to: startOfDay('2024-01-02') } });
    expect(parsed.invalid).toEqual(['area=x1', 'orderState=DONE', 'acceptedTo=2024-02-01', 'open=maybe', 'createdFrom=2024-13', 'sort=NAME']);
  });

  it('writes a submitted form without its empty fields, keeping the sort', () => {
    const next = toSearchParams({ customerName: ' 陈 ', orderNo: '', state: 'PENDING' }, new URLSearchParams('sort=WORK_ORDER_NO&dir=ASC&orderNo=old'));
    expect(next.toString()).toBe(new URLSearchParams('customerName=陈&state=PENDING&sort=WORK_ORDER_NO&dir=ASC').toString());
  });

  it('reads the ids of a print link', () => {
    expect(parsePrintIds('3,1,3')).toEqual(['3', '1']);
    expect(parsePrintIds('1,x')).toBeNull();
    expect(parsePrintIds('')).toBeNull();
    expect(parsePrintIds(Array.from({ length: 201 }, (_, i) => i + 1).join(','))).toBeNull();
  });
});
