import type { ViewerFieldsFragment } from '../generated/graphql';

/** Server-shaped objects (with `__typename`, as the cache and MockedProvider need them). */
export function organisation(id: string, name: string, nameEn: string) {
  return { __typename: 'Organisation' as const, id, name, nameEn };
}

export function staffChoice(id: string, staffNo: string, name: string, org = organisation('o1', '天河区分公司', 'Tianhe District'), active = true) {
  return { __typename: 'Staff' as const, id, staffNo, name, active, organisation: org };
}

export function viewerFixture(overrides: Partial<ViewerFieldsFragment> = {}): ViewerFieldsFragment {
  const choice = staffChoice('s1', 'GZ0001', '张三');
  return {
    __typename: 'Viewer',
    sessionId: 'sess-1',
    loginName: 'zhangsan',
    menus: ['help', 'help.about', 'system', 'system.staff', 'system.online-staff'],
    operableMenus: ['system.staff', 'system.online-staff'],
    permissions: ['staff:read', 'staff:online'],
    idleTimeoutMinutes: 30,
    workOrderPositions: [],
    staff: {
      __typename: 'Staff',
      id: choice.id,
      staffNo: choice.staffNo,
      name: choice.name,
      organisation: choice.organisation,
      positions: [
        {
          __typename: 'Position',
          id: 'p1',
          name: '天河区调度岗',
          positionType: { __typename: 'PositionType', id: 'pt1', name: '调度员', nameEn: 'Dispatcher' },
        },
      ],
    },
    staffChoices: [choice],
    ...overrides,
  } as ViewerFieldsFragment;
}
