/** Languages of exported files: the SPA's languages. */
export const EXPORT_LANGUAGES = ['en', 'zh-cn'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** Column headers, sheet names and enum values of exported files, in the SPA's wording. */
const labels = {
  en: {
    sheet: { orders: 'Orders', 'work-orders': 'Work orders' },
    column: {
      orderNo: 'Order',
      acceptanceNo: 'Acceptance no.',
      crmOrderCode: 'CRM order code',
      businessCode: 'Business',
      orderType: 'Order type',
      productCode: 'Product',
      orderState: 'Order state',
      state: 'State',
      timeState: 'Time limit',
      customer: 'Customer',
      phone: 'Phone',
      broadbandAccount: 'Broadband account',
      address: 'Address',
      area: 'Business area',
      acceptedAt: 'Accepted',
      dueAt: 'Due',
      completedAt: 'Completed',
      workOrderNo: 'Work order',
      step: 'Step',
      position: 'Position',
      handler: 'Handler',
      createdAt: 'Created',
      result: 'Result',
    },
    orderState: { EXECUTING: 'Executing', COMPLETED: 'Completed', CANCELLED: 'Cancelled' },
    orderType: { NEW: 'New install', MOVE: 'Move', REMOVE: 'Removal', CHANGE: 'Change', CANCEL: 'Cancellation' } as Record<string, string>,
    workOrderState: { PENDING: 'Pending', IN_PROGRESS: 'In progress', MANUAL_EXCEPTION: 'Manual exception', COMPLETED: 'Completed', CANCELLED: 'Cancelled' },
    timeState: { NORMAL: 'Within limit', WARNING: 'Warning', OVERDUE: 'Overdue' },
    truncated: (limit: number) => `Only the first ${limit.toLocaleString('en')} rows were exported: narrow the query for the rest.`,
    sheetTitle: 'Work-order sheet',
    copy: (copy: number) => (copy === 1 ? 'Original' : `Copy ${copy}`),
    printed: 'Printed',
    printedBy: 'by',
    demand: 'Order parameters',
    resources: 'Resources (old / new)',
    resource: 'Resource',
    parameter: 'Parameter',
    value: 'Value',
    oldValue: 'Old',
    newValue: 'New',
    signature: 'Installer signature',
    customerSignature: 'Customer signature',
  },
  'zh-cn': {
    sheet: { orders: '定单', 'work-orders': '工单' },
    column: {
      orderNo: '定单号',
      acceptanceNo: '受理单号',
      crmOrderCode: 'CRM 定单编码',
      businessCode: '业务',
      orderType: '定单类型',
      productCode: '产品',
      orderState: '定单状态',
      state: '状态',
      timeState: '时限',
      customer: '客户',
      phone: '电话',
      broadbandAccount: '宽带账号',
      address: '地址',
      area: '营业区',
      acceptedAt: '受理时间',
      dueAt: '时限到期',
      completedAt: '完成时间',
      workOrderNo: '工单号',
      step: '环节',
      position: '岗位',
      handler: '处理人',
      createdAt: '派发时间',
      result: '结果',
    },
    orderState: { EXECUTING: '执行中', COMPLETED: '已竣工', CANCELLED: '已撤单' },
    orderType: { NEW: '新装', MOVE: '移机', REMOVE: '拆机', CHANGE: '变更', CANCEL: '撤单' } as Record<string, string>,
    workOrderState: { PENDING: '待处理', IN_PROGRESS: '处理中', MANUAL_EXCEPTION: '人工异常', COMPLETED: '已完成', CANCELLED: '已撤销' },
    timeState: { NORMAL: '正常', WARNING: '预警', OVERDUE: '超时' },
    truncated: (limit: number) => `只导出了前 ${limit} 行：请缩小查询条件导出其余部分。`,
    sheetTitle: '工单',
    copy: (copy: number) => (copy === 1 ? '正本' : `副本 ${copy}`),
    printed: '打印时间',
    printedBy: '打印人',
    demand: '定单参数',
    resources: '资源（旧 / 新）',
    resource: '资源',
    parameter: '参数',
    value: '值',
    oldValue: '旧值',
    newValue: '新值',
    signature: '施工人员签字',
    customerSignature: '客户签字',
  },
} satisfies Record<ExportLanguage, unknown>;

export type ExportLabels = (typeof labels)['en'];

export function exportLabels(lang: ExportLanguage): ExportLabels {
  return labels[lang];
}

/** A name in the export's language: `nameEn` for English, `name` otherwise. */
export function localName(named: { name: string; nameEn: string } | null | undefined, lang: ExportLanguage): string {
  if (!named) return '';
  return lang === 'en' ? named.nameEn : named.name;
}
