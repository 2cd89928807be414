import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { laneWidth, levelHeight, placed, toInput } from '../editor-graph';
import { problemText, problemTextsByStep } from '../problem-text';
import { en } from '../../../lib/locales/en';
import { zhCN } from '../../../lib/locales/zh-cn';

const loaded = {
  code: 'BROADBAND_NEW',
  name: '宽带新装',
  nameEn: 'Broadband: new install',
  steps: [
    { code: 'START', name: '开始', nameEn: 'Start', kind: 'START' as const, workOrderTypeCode: null, joinAll: false },
    { code: 'NETWORK', name: '综合网管', nameEn: 'Network management', kind: 'NETWORK_ACTIVATION' as const, workOrderTypeCode: 'NETWORK_MGMT', joinAll: false },
    { code: 'BB_ROOM', name: '宽带机房', nameEn: 'Broadband machine room', kind: 'NETWORK_ACTIVATION' as const, workOrderTypeCode: 'BB_ROOM', joinAll: false },
    { code: 'DISPATCH', name: '调度中心', nameEn: 'Dispatch center', kind: 'DISPATCH_CENTER' as const, workOrderTypeCode: 'DISPATCH', joinAll: true },
    { code: 'END', name: '结束', nameEn: 'End', kind: 'END' as const, workOrderTypeCode: null, joinAll: false },
  ].map((step) => ({ ...step, positionCode: null, timeLimitTypeCode: null, handlerFromStep: null })),
  transitions: [
    { from: 'START', to: 'NETWORK', kind: 'NORMAL' as const, exceptionType: null },
    { from: 'START', to: 'BB_ROOM', kind: 'NORMAL' as const, exceptionType: null },
    { from: 'NETWORK', to: 'DISPATCH', kind: 'NORMAL' as const, exceptionType: null },
    { from: 'BB_ROOM', to: 'DISPATCH', kind: 'NORMAL' as const, exceptionType: null },
    { from: 'DISPATCH', to: 'END', kind: 'NORMAL' as const, exceptionType: null },
    { from: 'DISPATCH', to: 'START', kind: 'EXCEPTION' as const, exceptionType: 'WRONG_ADDRESS' },
  ],
};

describe('editor graph', () => {
  it('lays a version out top to bottom, parallel steps side by side around the centre', () => {
    const graph = placed(loaded);
    expect(graph.steps.map((step) => [step.code, step.x, step.y])).toEqual([
      ['START', 0, 0],
      ['NETWORK', -laneWidth / 2, levelHeight],
      ['BB_ROOM', laneWidth / 2, levelHeight],
      ['DISPATCH', 0, 2 * levelHeight],
      ['END', 0, 3 * levelHeight],
    ]);
  });

  it('sends only what the engine keeps: no positions, no exception type on normal transitions, empty types as null', () => {
    const graph = placed(loaded);
    graph.steps[1] = { ...graph.steps[1]!, workOrderTypeCode: '' };
    graph.steps[3] = { ...graph.steps[3]!, positionCode: 'GZ-TH.DISPATCH', timeLimitTypeCode: '' };
    graph.steps[4] = { ...graph.steps[4]!, handlerFromStep: '' };
    graph.transitions[0] = { ...graph.transitions[0]!, exceptionType: 'LINE_FAULT' };
    const input = toInput(graph);
    expect(input.steps[0]).toEqual({ code: 'START', name: '开始', nameEn: 'Start', kind: 'START', workOrderTypeCode: null, joinAll: false, positionCode: null, timeLimitTypeCode: null, handlerFromStep: null });
    expect(input.steps[4]!.handlerFromStep).toBeNull();
    expect(input.steps[3]).toMatchObject({ positionCode: 'GZ-TH.DISPATCH', timeLimitTypeCode: null });
    expect(input.steps[1]!.workOrderTypeCode).toBeNull();
    expect(input.transitions[0]!.exceptionType).toBeNull();
    expect(input.transitions[5]).toEqual({ from: 'DISPATCH', to: 'START', kind: 'EXCEPTION', exceptionType: 'WRONG_ADDRESS' });
  });
});

describe('validation problems in the UI language', () => {
  const graph = placed(loaded);
  const problems = [
    { code: 'UNREACHABLE', stepCode: 'BB_ROOM', transitionIndex: null, message: 'Step BB_ROOM cannot be reached from the START step' },
    { code: 'EXCEPTION_WITHOUT_TYPE', stepCode: 'DISPATCH', transitionIndex: 5, message: 'Exception transition DISPATCH → START has no exception type' },
    { code: 'NO_END', stepCode: null, transitionIndex: null, message: 'The template has no END step' },
    { code: 'SOMETHING_NEW', stepCode: 'END', transitionIndex: null, message: 'A problem this screen does not know' },
  ];

  it('says each problem in Chinese, with the transition it concerns, and keeps the API text for unknown codes', async () => {
    const t = i18next.createInstance();
    await t.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } } });
    const texts = problemTextsByStep(t.t, problems, graph);
    expect(texts.get('BB_ROOM')).toEqual(['从开始步骤无法到达']);
    expect(texts.get('DISPATCH')).toEqual(['异常流转 DISPATCH → START 没有异常类型']);
    expect(texts.get('')).toEqual(['模板没有结束（END）步骤']);
    expect(texts.get('END')).toEqual(['A problem this screen does not know']);
  });

  it('and in English', async () => {
    const t = i18next.createInstance();
    await t.init({ lng: 'en', resources: { en: { translation: en } } });
    expect(problemText(t.t, problems[0]!, graph)).toBe('Cannot be reached from the START step');
  });
});
