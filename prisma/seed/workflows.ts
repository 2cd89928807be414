import type { PrismaClient, StepKind } from '../generated/client/client.ts';

/**
 * Reference workflows: work-order categories and types, the engine templates of the seed's flows
 * and the business-code → IOM workflow → template mappings. Written when missing (a template code+version is never
 * changed once it exists: running orders depend on it; edits make a new version).
 */
export const workOrderCategories = [
  { code: 'RESOURCE', name: '资源类', nameEn: 'Resources', types: [['WIRING', '配线', 'Wiring'], ['NUMBER', '配号', 'Number assignment'], ['PORT', '配端口', 'Port assignment'], ['RELEASE', '资源释放', 'Resource release']] },
  { code: 'NETWORK', name: '网络类', nameEn: 'Network', types: [['NETWORK_MGMT', '综合网管', 'Network management'], ['BB_ROOM', '宽带机房', 'Broadband machine room'], ['ACTIVATION_REVIEW', '失败原因判定', 'Activation failure review'], ['OFFLINE_ACTIVATION', '线下激活', 'Offline activation']] },
  {
    code: 'FIELD',
    name: '施工类',
    nameEn: 'Field work',
    types: [['INSTALL', '装机', 'Installation'], ['REMOVE', '拆机', 'Removal'], ['APPOINTMENT', '预约', 'Appointment'], ['ONSITE_TEST', '上门测试', 'On-site test']],
  },
  { code: 'DISPATCH', name: '调度类', nameEn: 'Dispatch', types: [['DISPATCH', '调度中心派单', 'Dispatch center']] },
  { code: 'NOTICE', name: '回执类', nameEn: 'Notices', types: [['CRM_NOTICE', '报竣', 'Completion notice']] },
] as const;

/** `handlerFromStep`: an earlier step whose claimer becomes this step's handler (see `WorkflowStep.handlerFromStep`). */
type StepSpec = [code: string, name: string, nameEn: string, kind: StepKind, workOrderType: string | null, joinAll?: boolean, handlerFromStep?: string];
type TransitionSpec = [from: string, to: string, exceptionType?: string];

export interface TemplateSpec {
  code: string;
  version: number;
  name: string;
  nameEn: string;
  steps: StepSpec[];
  transitions: TransitionSpec[];
}

/** Steps several templates share, the same in each. */
const start: StepSpec = ['START', '开始', 'Start', 'START', null];
const end: StepSpec = ['END', '结束', 'End', 'END', null];
const notice: StepSpec = ['NOTICE', '报竣', 'Completion notice', 'CRM_NOTICE', 'CRM_NOTICE'];
const appointment: StepSpec = ['APPOINTMENT', '预约', 'Appointment', 'FIELD_WORK', 'APPOINTMENT'];
const port: StepSpec = ['PORT', '配端口', 'Port assignment', 'RESOURCE_REQUEST', 'PORT'];
const networkManagement: StepSpec = ['NETWORK', '综合网管', 'Network management', 'NETWORK_ACTIVATION', 'NETWORK_MGMT'];
const broadbandRoom: StepSpec = ['BB_ROOM', '宽带机房', 'Broadband machine room', 'NETWORK_ACTIVATION', 'BB_ROOM'];
const dispatchCenter: StepSpec = ['DISPATCH', '调度中心', 'Dispatch center', 'DISPATCH_CENTER', 'DISPATCH'];
const installation: StepSpec = ['INSTALL', '装机', 'Installation', 'FIELD_WORK', 'INSTALL'];
const resourceRelease: StepSpec = ['RELEASE', '资源释放', 'Resource release', 'RESOURCE_REQUEST', 'RELEASE'];
/** The dispatch center where the machine-room branch joins the network branch: it waits for both. */
const dispatchCenterJoin: StepSpec = ['DISPATCH', '调度中心', 'Dispatch center', 'DISPATCH_CENTER', 'DISPATCH', true];
/**
 * Broadband activation failures (家客业务开通流程-线下激活): after the last automatic attempt the
 * activation ends with ACTIVATION_FAILED and people review it (失败原因判定): retry the automatic
 * activation, go for offline activation, or reject the order to CRM. Offline activation (线下激活)
 * is submitted with the device, port and VLAN set up by hand (checked against the resource system's
 * port), rejected back to the review, or rejected to CRM.
 */
const activationReview: StepSpec = ['ACTIVATION_REVIEW', '失败原因判定', 'Activation failure review', 'MANUAL', 'ACTIVATION_REVIEW'];
const offlineActivation: StepSpec = ['OFFLINE_ACTIVATION', '线下激活', 'Offline activation', 'MANUAL', 'OFFLINE_ACTIVATION'];
/** The edges of the activation-failure steps, after the activation step `from` whose successor is `next`. */
function activationFailureEdges(from: string, next: string): TransitionSpec[] {
  return [
    [from, 'ACTIVATION_REVIEW', 'ACTIVATION_FAILED'],
    ['ACTIVATION_REVIEW', 'OFFLINE_ACTIVATION'], ['ACTIVATION_REVIEW', from, 'RETRY_ACTIVATION'], ['ACTIVATION_REVIEW', 'END', 'REJECT_TO_CRM'],
    ['OFFLINE_ACTIVATION', next], ['OFFLINE_ACTIVATION', 'ACTIVATION_REVIEW', 'REJECT_TO_REVIEW'], ['OFFLINE_ACTIVATION', 'END', 'REJECT_TO_CRM'],
  ];
}
const onsiteTest: StepSpec = ['ONSITE_TEST', '上门测试', 'On-site test', 'FIELD_WORK', 'ONSITE_TEST', false, 'APPOINTMENT'];

/** Version 2 of the broadband install (issue #5): see `templates`. */
const broadbandNewV2: TemplateSpec = {
  code: 'BROADBAND_NEW',
  version: 2,
  name: '宽带新装',
  nameEn: 'Broadband: new install',
  steps: [
    start,
    port,
    networkManagement,
    broadbandRoom,
    dispatchCenterJoin,
    appointment,
    ['OUTSIDE_PLANT', '外线施工', 'Outside-plant work', 'FIELD_WORK', 'INSTALL', false, 'APPOINTMENT'],
    onsiteTest,
    notice,
    end,
  ],
  transitions: [
    ['START', 'PORT'], ['PORT', 'NETWORK'], ['PORT', 'BB_ROOM'], ['NETWORK', 'DISPATCH'], ['BB_ROOM', 'DISPATCH'],
    ['DISPATCH', 'APPOINTMENT'], ['APPOINTMENT', 'OUTSIDE_PLANT'], ['OUTSIDE_PLANT', 'ONSITE_TEST'], ['ONSITE_TEST', 'NOTICE'], ['NOTICE', 'END'],
    ['OUTSIDE_PLANT', 'PORT', 'LINE_FAULT'],
    ['APPOINTMENT', 'DISPATCH', 'WRONG_ADDRESS'], ['OUTSIDE_PLANT', 'DISPATCH', 'WRONG_ADDRESS'], ['ONSITE_TEST', 'DISPATCH', 'WRONG_ADDRESS'],
    ['ONSITE_TEST', 'BB_ROOM', 'ONT_SERIAL_MISMATCH'], ['ONSITE_TEST', 'PORT', 'ONU_PORT_FAULT'], ['ONSITE_TEST', 'PORT', 'ONU_FAULT'],
  ],
};

/** Version 2 of the broadband move (issue #5): see `templates`. */
const broadbandMoveV2: TemplateSpec = {
  code: 'BROADBAND_MOVE',
  version: 2,
  name: '宽带移机',
  nameEn: 'Broadband: move',
  steps: [
    start,
    port,
    networkManagement,
    dispatchCenter,
    appointment,
    ['OUTSIDE_PLANT', '移机外线施工', 'Move: outside-plant work', 'FIELD_WORK', 'INSTALL', false, 'APPOINTMENT'],
    onsiteTest,
    notice,
    end,
  ],
  transitions: [
    ['START', 'PORT'], ['PORT', 'NETWORK'], ['NETWORK', 'DISPATCH'],
    ['DISPATCH', 'APPOINTMENT'], ['APPOINTMENT', 'OUTSIDE_PLANT'], ['OUTSIDE_PLANT', 'ONSITE_TEST'], ['ONSITE_TEST', 'NOTICE'], ['NOTICE', 'END'],
    ['OUTSIDE_PLANT', 'PORT', 'LINE_FAULT'],
    ['APPOINTMENT', 'DISPATCH', 'WRONG_ADDRESS'], ['OUTSIDE_PLANT', 'DISPATCH', 'WRONG_ADDRESS'], ['ONSITE_TEST', 'DISPATCH', 'WRONG_ADDRESS'],
    ['ONSITE_TEST', 'PORT', 'ONT_SERIAL_MISMATCH'], ['ONSITE_TEST', 'PORT', 'ONU_PORT_FAULT'], ['ONSITE_TEST', 'PORT', 'ONU_FAULT'],
  ],
};

/**
 * The next version of a template with the activation-failure steps: the review and offline activation
 * placed just before `next` (the step the activation `from` leads to), and their edges.
 */
function withActivationFailure(spec: TemplateSpec, from: string, next: string): TemplateSpec {
  const at = spec.steps.findIndex(([code]) => code === next);
  return {
    ...spec,
    version: spec.version + 1,
    steps: [...spec.steps.slice(0, at), activationReview, offlineActivation, ...spec.steps.slice(at)],
    transitions: [...spec.transitions, ...activationFailureEdges(from, next)],
  };
}

export const templates: TemplateSpec[] = [
  {
    code: 'FIXED_NEW',
    version: 1,
    name: '固话新装',
    nameEn: 'Fixed line: new install',
    steps: [
      start,
      ['WIRING', '配线', 'Wiring', 'RESOURCE_REQUEST', 'WIRING'],
      ['NUMBER', '配号', 'Number assignment', 'RESOURCE_REQUEST', 'NUMBER'],
      port,
      networkManagement,
      installation,
      notice,
      end,
    ],
    transitions: [['START', 'WIRING'], ['WIRING', 'NUMBER'], ['NUMBER', 'PORT'], ['PORT', 'NETWORK'], ['NETWORK', 'INSTALL'], ['INSTALL', 'NOTICE'], ['NOTICE', 'END'], ['INSTALL', 'WIRING', 'LINE_FAULT']],
  },
  {
    code: 'BROADBAND_NEW',
    version: 1,
    name: '宽带新装',
    nameEn: 'Broadband: new install',
    steps: [
      start,
      port,
      networkManagement,
      broadbandRoom,
      dispatchCenterJoin,
      installation,
      notice,
      end,
    ],
    transitions: [
      ['START', 'PORT'], ['PORT', 'NETWORK'], ['PORT', 'BB_ROOM'], ['NETWORK', 'DISPATCH'], ['BB_ROOM', 'DISPATCH'], ['DISPATCH', 'INSTALL'], ['INSTALL', 'NOTICE'], ['NOTICE', 'END'],
      ['INSTALL', 'PORT', 'LINE_FAULT'], ['INSTALL', 'DISPATCH', 'WRONG_ADDRESS'],
    ],
  },
  {
    code: 'BROADBAND_MOVE',
    version: 1,
    name: '宽带移机',
    nameEn: 'Broadband: move',
    steps: [
      start,
      port,
      networkManagement,
      dispatchCenter,
      ['INSTALL', '移机施工', 'Move installation', 'FIELD_WORK', 'INSTALL'],
      notice,
      end,
    ],
    transitions: [['START', 'PORT'], ['PORT', 'NETWORK'], ['NETWORK', 'DISPATCH'], ['DISPATCH', 'INSTALL'], ['INSTALL', 'NOTICE'], ['NOTICE', 'END'], ['INSTALL', 'PORT', 'LINE_FAULT']],
  },
  {
    code: 'BROADBAND_REMOVE',
    version: 1,
    name: '宽带拆机',
    nameEn: 'Broadband: removal',
    steps: [
      start,
      ['NETWORK', '综合网管停用', 'Network deactivation', 'NETWORK_ACTIVATION', 'NETWORK_MGMT'],
      dispatchCenter,
      ['REMOVE', '拆机', 'Removal', 'FIELD_WORK', 'REMOVE'],
      resourceRelease,
      notice,
      end,
    ],
    transitions: [['START', 'NETWORK'], ['NETWORK', 'DISPATCH'], ['DISPATCH', 'REMOVE'], ['REMOVE', 'RELEASE'], ['RELEASE', 'NOTICE'], ['NOTICE', 'END']],
  },
  // Version 2 of the broadband flows (issue #5): the dispatch center records the appointment and
  // assigns a grid team; a team member claims the appointment (预约) and, as its claimer, handles the
  // outside-plant work (外线施工) and the on-site test (上门测试) or the removal (拆机).
  broadbandNewV2,
  broadbandMoveV2,
  {
    code: 'BROADBAND_REMOVE',
    version: 2,
    name: '宽带拆机',
    nameEn: 'Broadband: removal',
    steps: [
      start,
      ['NETWORK', '综合网管停用', 'Network deactivation', 'NETWORK_ACTIVATION', 'NETWORK_MGMT'],
      dispatchCenter,
      appointment,
      ['REMOVE', '拆机', 'Removal', 'FIELD_WORK', 'REMOVE', false, 'APPOINTMENT'],
      resourceRelease,
      notice,
      end,
    ],
    transitions: [
      ['START', 'NETWORK'], ['NETWORK', 'DISPATCH'], ['DISPATCH', 'APPOINTMENT'], ['APPOINTMENT', 'REMOVE'], ['REMOVE', 'RELEASE'], ['RELEASE', 'NOTICE'], ['NOTICE', 'END'],
      ['APPOINTMENT', 'DISPATCH', 'WRONG_ADDRESS'], ['REMOVE', 'DISPATCH', 'WRONG_ADDRESS'],
    ],
  },
  // Version 3 of the broadband install and move: v2 with the activation-failure steps after network
  // management (综合网管), the activation through the broadband access platform.
  withActivationFailure(broadbandNewV2, 'NETWORK', 'DISPATCH'),
  withActivationFailure(broadbandMoveV2, 'NETWORK', 'DISPATCH'),
  {
    code: 'ORDER_CANCEL',
    version: 1,
    name: '撤单',
    nameEn: 'Cancellation of an in-flight order',
    steps: [
      start,
      ['NETWORK', '网管回退', 'Network rollback', 'NETWORK_ACTIVATION', 'NETWORK_MGMT'],
      resourceRelease,
      notice,
      end,
    ],
    transitions: [['START', 'NETWORK'], ['NETWORK', 'RELEASE'], ['RELEASE', 'NOTICE'], ['NOTICE', 'END']],
  },
];

/** Exception types (异常类型): every one the templates above route, and the manual one that parks a work order. */
export const exceptionTypes = [
  { code: 'LINE_FAULT', name: '线路故障', nameEn: 'Line fault', description: '施工发现线路故障，需重新配线/配端口', manual: false },
  { code: 'WRONG_ADDRESS', name: '地址错误', nameEn: 'Wrong address', description: '装机地址有误，退回调度中心', manual: false },
  { code: 'ONT_SERIAL_MISMATCH', name: '光猫串码不符', nameEn: 'ONT serial mismatch', description: '上门测试发现光猫（ONT）串码与数据不一致，退回宽带机房重新配置', manual: false },
  { code: 'ONU_PORT_FAULT', name: 'ONU端口不可用或不匹配', nameEn: 'ONU port unusable or mismatched', description: 'ONU端口不可用或与配置不一致，退回重新配端口', manual: false },
  { code: 'ONU_FAULT', name: 'ONU不可用或不匹配', nameEn: 'ONU unusable or mismatched', description: 'ONU设备不可用或与配置不一致，退回重新配端口', manual: false },
  { code: 'ACTIVATION_FAILED', name: '自动激活失败', nameEn: 'Automatic activation failed', description: '自动激活多次失败（默认3次），转失败原因判定', manual: false },
  { code: 'RETRY_ACTIVATION', name: '重新自动激活', nameEn: 'Retry automatic activation', description: '失败原因已排除，重新下发自动激活', manual: false },
  { code: 'REJECT_TO_REVIEW', name: '驳回到失败原因判定', nameEn: 'Reject back to the failure review', description: '线下激活无法完成，驳回到失败原因判定', manual: false },
  { code: 'REJECT_TO_CRM', name: '驳回CRM', nameEn: 'Reject to CRM', description: '驳回到CRM并结束定单，须填写驳回原因', manual: false },
  { code: 'MANUAL', name: '人工异常', nameEn: 'Manual exception', description: '转人工异常处理，流程暂停', manual: true },
];

/** IOM workflows (工作流程) and the engine template code each runs. */
export const iomWorkflows = [
  { code: 'FIXED_NEW', name: '固话新装流程', nameEn: 'Fixed line new install', templateCode: 'FIXED_NEW' },
  { code: 'BROADBAND_NEW', name: '宽带新装流程', nameEn: 'Broadband new install', templateCode: 'BROADBAND_NEW' },
  { code: 'BROADBAND_MOVE', name: '宽带移机流程', nameEn: 'Broadband move', templateCode: 'BROADBAND_MOVE' },
  { code: 'BROADBAND_REMOVE', name: '宽带拆机流程', nameEn: 'Broadband removal', templateCode: 'BROADBAND_REMOVE' },
  { code: 'ORDER_CANCEL', name: '撤单流程', nameEn: 'Order cancellation', templateCode: 'ORDER_CANCEL' },
];

/** CRM business codes and the IOM workflow each runs. */
export const businessWorkflows = [
  { businessCode: 'FIXED_NEW', name: '固话新装', nameEn: 'Fixed line new install', iomWorkflowCode: 'FIXED_NEW' },
  { businessCode: 'BROADBAND_NEW', name: '宽带新装', nameEn: 'Broadband new install', iomWorkflowCode: 'BROADBAND_NEW' },
  { businessCode: 'BROADBAND_MOVE', name: '宽带移机', nameEn: 'Broadband move', iomWorkflowCode: 'BROADBAND_MOVE' },
  { businessCode: 'BROADBAND_REMOVE', name: '宽带拆机', nameEn: 'Broadband removal', iomWorkflowCode: 'BROADBAND_REMOVE' },
  { businessCode: 'ORDER_CANCEL', name: '撤单', nameEn: 'Order cancellation', iomWorkflowCode: 'ORDER_CANCEL' },
];

export async function seedWorkflows(prisma: PrismaClient): Promise<void> {
  for (const category of workOrderCategories) {
    await prisma.workOrderCategory.upsert({ where: { code: category.code }, create: { code: category.code, name: category.name, nameEn: category.nameEn }, update: {} });
    for (const [code, name, nameEn] of category.types) {
      await prisma.workOrderType.upsert({ where: { code }, create: { code, name, nameEn, categoryCode: category.code }, update: {} });
    }
  }
  for (const type of exceptionTypes) await prisma.exceptionType.upsert({ where: { code: type.code }, create: type, update: {} });
  for (const spec of templates) await createTemplateIfMissing(prisma, spec);
  for (const workflow of iomWorkflows) {
    await prisma.iomWorkflow.upsert({ where: { code: workflow.code }, create: workflow, update: {} });
  }
  for (const mapping of businessWorkflows) {
    await prisma.businessWorkflow.upsert({ where: { businessCode: mapping.businessCode }, create: mapping, update: {} });
  }
}

/** Writes a template version with its steps and transitions in one transaction, unless it exists. */
export async function createTemplateIfMissing(prisma: PrismaClient, spec: TemplateSpec): Promise<number> {
  const existing = await prisma.workflowTemplate.findUnique({ where: { code_version: { code: spec.code, version: spec.version } }, select: { id: true } });
  if (existing) return existing.id;
  return prisma.$transaction(async (tx) => {
    const template = await tx.workflowTemplate.create({ data: { code: spec.code, version: spec.version, name: spec.name, nameEn: spec.nameEn }, select: { id: true } });
    const stepIds = new Map<string, number>();
    for (const [index, [code, name, nameEn, kind, workOrderTypeCode, joinAll, handlerFromStep]] of spec.steps.entries()) {
      const step = await tx.workflowStep.create({
        data: { templateId: template.id, code, name, nameEn, kind, workOrderTypeCode, joinAll: joinAll ?? false, handlerFromStep: handlerFromStep ?? null, sortOrder: index },
        select: { id: true },
      });
      stepIds.set(code, step.id);
    }
    for (const [from, to, exceptionType] of spec.transitions) {
      const fromStepId = stepIds.get(from);
      const toStepId = stepIds.get(to);
      if (!fromStepId || !toStepId) throw new Error(`template ${spec.code}: transition ${from} → ${to} names an unknown step`);
      await tx.workflowTransition.create({
        data: { templateId: template.id, fromStepId, toStepId, kind: exceptionType ? 'EXCEPTION' : 'NORMAL', exceptionType: exceptionType ?? null },
      });
    }
    return template.id;
  });
}
