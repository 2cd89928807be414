import { group } from './menus.ts';

/** Password of every demo login (documented in the README). */
export const demoPassword = 'openiom123';

/** The demo service area: Guangzhou in Guangdong, six districts, four smallest grids each. */
export const demoArea = {
  province: { code: 'GD', name: '广东省', nameEn: 'Guangdong' },
  city: { code: 'GZ', name: '广州市', nameEn: 'Guangzhou' },
  districts: [
    { code: 'GZ-TH', name: '天河区', nameEn: 'Tianhe', grids: [['石牌', 'Shipai'], ['五山', 'Wushan'], ['珠江新城', 'Zhujiang New Town'], ['车陂', 'Chebei']] },
    { code: 'GZ-YX', name: '越秀区', nameEn: 'Yuexiu', grids: [['北京路', 'Beijing Road'], ['东山', 'Dongshan'], ['流花', 'Liuhua'], ['登峰', 'Dengfeng']] },
    { code: 'GZ-HZ', name: '海珠区', nameEn: 'Haizhu', grids: [['江南西', 'Jiangnanxi'], ['赤岗', 'Chigang'], ['琶洲', 'Pazhou'], ['南洲', 'Nanzhou']] },
    { code: 'GZ-LW', name: '荔湾区', nameEn: 'Liwan', grids: [['西关', 'Xiguan'], ['芳村', 'Fangcun'], ['沙面', 'Shamian'], ['东漖', 'Dongjiao']] },
    { code: 'GZ-BY', name: '白云区', nameEn: 'Baiyun', grids: [['三元里', 'Sanyuanli'], ['同和', 'Tonghe'], ['京溪', 'Jingxi'], ['新市', 'Xinshi']] },
    { code: 'GZ-PY', name: '番禺区', nameEn: 'Panyu', grids: [['市桥', 'Shiqiao'], ['大石', 'Dashi'], ['洛浦', 'Luopu'], ['南村', 'Nancun']] },
  ],
} as const;

/**
 * Position types. As in the seed, only system-admin and general types carry menus; work-order types
 * give a queue (their holders see menus through a general type they also hold). System administrators
 * see the whole area, so they also get the two work-order screens that need it: manual assignment
 * (orders without a business area reach only them) and manual exception handling.
 */
export const demoPositionTypes = [
  { code: 'SYS_ADMIN', name: '系统管理岗', nameEn: 'System administration', kind: 'SYSTEM_ADMIN', menus: [...group('help'), ...group('system'), ...group('config'), ...group('monitoring'), 'work-orders', 'work-orders.manual-assignment', 'work-orders.manual-exception', 'dispatch', 'dispatch.teams'] },
  { code: 'DISPATCH_GENERAL', name: '调度中心通用岗', nameEn: 'Dispatch center (general)', kind: 'GENERAL', menus: [...group('help'), ...group('work-orders'), ...group('dispatch'), ...group('queries'), 'monitoring', 'monitoring.pre-alarm'] },
  { code: 'INSTALL_GENERAL', name: '装维通用岗', nameEn: 'Installation (general)', kind: 'GENERAL', menus: [...group('help'), 'work-orders', 'work-orders.by-position', 'work-orders.by-staff', 'dispatch', 'dispatch.todo'] },
  { code: 'MANAGER_GENERAL', name: '室经理通用岗', nameEn: 'Manager (general)', kind: 'GENERAL', menus: [...group('help'), ...group('monitoring'), ...group('queries'), 'dispatch', 'dispatch.supervision', 'dispatch.map'] },
  { code: 'BILLING_GENERAL', name: '计费通用岗', nameEn: 'Billing (general)', kind: 'GENERAL', menus: [...group('help'), ...group('billing')] },
  { code: 'DISPATCH', name: '调度岗', nameEn: 'Dispatcher', kind: 'WORK_ORDER', menus: [] },
  { code: 'INSTALL', name: '装维岗', nameEn: 'Installer', kind: 'WORK_ORDER', menus: [] },
  { code: 'WIRING', name: '配线岗', nameEn: 'Wiring', kind: 'WORK_ORDER', menus: [] },
  { code: 'NETWORK', name: '网管岗', nameEn: 'Network management', kind: 'WORK_ORDER', menus: [] },
] as const;

export type DemoPositionTypeCode = (typeof demoPositionTypes)[number]['code'];

/** Named demo logins, one per role (the README lists them). `zhangwei` owns two staff numbers. */
export const demoLogins: { login: string; staff: { staffNo: string; name: string; org: string; positions: DemoPositionTypeCode[]; billingLevel?: 'NORMAL' | 'SENIOR' | 'SUPER' }[] }[] = [
  { login: 'admin', staff: [{ staffNo: 'GZ0001', name: '系统管理员', org: 'GD', positions: ['SYS_ADMIN'] }] },
  { login: 'dispatcher', staff: [{ staffNo: 'GZ0101', name: '李调度', org: 'GZ-TH', positions: ['DISPATCH', 'DISPATCH_GENERAL'] }] },
  { login: 'installer', staff: [{ staffNo: 'GZ0201', name: '王装维', org: 'GZ-TH-01', positions: ['INSTALL', 'INSTALL_GENERAL'] }] },
  { login: 'manager', staff: [{ staffNo: 'GZ0301', name: '陈经理', org: 'GZ', positions: ['MANAGER_GENERAL'] }] },
  { login: 'billing', staff: [{ staffNo: 'GZ0401', name: '刘计费', org: 'GZ', positions: ['BILLING_GENERAL'], billingLevel: 'SUPER' }] },
  { login: 'billing-senior', staff: [{ staffNo: 'GZ0402', name: '周资费', org: 'GZ', positions: ['BILLING_GENERAL'], billingLevel: 'SENIOR' }] },
  { login: 'billing-viewer', staff: [{ staffNo: 'GZ0403', name: '吴查询', org: 'GZ', positions: ['BILLING_GENERAL'], billingLevel: 'NORMAL' }] },
  {
    login: 'zhangwei',
    staff: [
      { staffNo: 'GZ0102', name: '张伟', org: 'GZ-TH', positions: ['DISPATCH', 'DISPATCH_GENERAL'] },
      { staffNo: 'GZ0002', name: '张伟', org: 'GZ', positions: ['SYS_ADMIN'] },
    ],
  },
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程'.split('');
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁'.split('');

/** A deterministic Chinese name for the n-th generated staff member. */
export function demoName(n: number): string {
  const one = given[(n * 7) % given.length];
  const two = n % 3 === 0 ? '' : given[(n * 13 + 5) % given.length];
  return surnames[n % surnames.length] + one + two;
}
