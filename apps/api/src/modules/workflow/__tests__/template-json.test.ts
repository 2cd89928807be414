import { describe, expect, it } from 'vitest';
import { exportTemplateJson, parseTemplateJson } from '../template-json.ts';
import type { TemplateGraph } from '../template-graph.ts';

const graph: TemplateGraph = {
  code: 'FIXED_NEW',
  name: '固话新装',
  nameEn: 'Fixed line: new install',
  description: null,
  steps: [
    { code: 'START', name: '开始', nameEn: 'Start', kind: 'START', workOrderTypeCode: null, joinAll: false, positionCode: null, timeLimitTypeCode: null, handlerFromStep: null, x: 0, y: 0 },
    { code: 'INSTALL', name: '装机', nameEn: 'Installation', kind: 'FIELD_WORK', workOrderTypeCode: 'INSTALL', joinAll: false, positionCode: 'GZ-TH-01.INSTALL', timeLimitTypeCode: 'REMOVE', handlerFromStep: null, x: 200, y: 0 },
    { code: 'END', name: '结束', nameEn: 'End', kind: 'END', workOrderTypeCode: null, joinAll: false, positionCode: null, timeLimitTypeCode: null, handlerFromStep: null, x: null, y: null },
  ],
  transitions: [
    { from: 'START', to: 'INSTALL', kind: 'NORMAL', exceptionType: null },
    { from: 'INSTALL', to: 'END', kind: 'NORMAL', exceptionType: null },
    { from: 'INSTALL', to: 'START', kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' },
  ],
};

describe('template JSON', () => {
  it('round-trips an exported version', () => {
    const json = exportTemplateJson(graph, 3);
    expect(JSON.parse(json)).toMatchObject({ format: 'openiom.workflow-template', formatVersion: 1, exportedFromVersion: 3 });
    expect(parseTemplateJson(json)).toEqual(graph);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseTemplateJson('{ nope')).toThrow(/json: not valid JSON/);
  });

  it('refuses a file of another format', () => {
    expect(() => parseTemplateJson(JSON.stringify({ format: 'x', formatVersion: 1, template: graph }))).toThrow(/format: must be "openiom.workflow-template"/);
  });

  it('names the field at fault', () => {
    const file = JSON.parse(exportTemplateJson(graph, 1));
    file.template.steps[1].kind = 'TELEPORT';
    expect(() => parseTemplateJson(JSON.stringify(file))).toThrow(/template\.steps\.1\.kind/);
    file.template.steps[1].kind = 'FIELD_WORK';
    file.template.steps[2].code = 'end step';
    expect(() => parseTemplateJson(JSON.stringify(file))).toThrow(/template\.steps\.2\.code: must use A–Z/);
  });

  it('fills defaults: normal kind, no join, empty exception type as none', () => {
    const file = JSON.parse(exportTemplateJson(graph, 1));
    delete file.template.steps[0].joinAll;
    file.template.transitions[0] = { from: 'START', to: 'INSTALL', exceptionType: '' };
    const parsed = parseTemplateJson(JSON.stringify(file));
    expect(parsed.steps[0].joinAll).toBe(false);
    expect(parsed.transitions[0]).toEqual({ from: 'START', to: 'INSTALL', kind: 'NORMAL', exceptionType: null });
  });
});
