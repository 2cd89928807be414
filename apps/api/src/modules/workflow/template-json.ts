import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { stepKinds, type TemplateGraph } from './template-graph.ts';

/** Format marker of exported template files; import refuses other files. */
export const templateJsonFormat = 'openiom.workflow-template';
export const templateJsonFormatVersion = 1;

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Z0-9_]+$/, 'must use A–Z, 0–9 and _ only');

export const templateGraphSchema = z.object({
  code,
  name: text(100),
  nameEn: text(100),
  description: z.string().max(500).nullish(),
  steps: z
    .array(
      z.object({
        code,
        name: text(100),
        nameEn: text(100),
        kind: z.enum(stepKinds),
        workOrderTypeCode: z.string().trim().min(1).nullish().transform((value) => value ?? null),
        joinAll: z.boolean().default(false),
        positionCode: z.string().trim().min(1).nullish().transform((value) => value ?? null),
        timeLimitTypeCode: z.string().trim().min(1).nullish().transform((value) => value ?? null),
        handlerFromStep: z.string().trim().min(1).nullish().transform((value) => value ?? null),
        x: z.number().finite().nullish(),
        y: z.number().finite().nullish(),
      }),
    )
    .min(1, 'needs at least one step')
    .max(200),
  transitions: z
    .array(
      z.object({
        from: z.string().trim().min(1, 'is required'),
        to: z.string().trim().min(1, 'is required'),
        kind: z.enum(['NORMAL', 'EXCEPTION']).default('NORMAL'),
        exceptionType: z.string().trim().nullish().transform((value) => value || null),
      }),
    )
    .max(1000),
});

const fileSchema = z.object({
  format: z.literal(templateJsonFormat, { message: `must be "${templateJsonFormat}"` }),
  formatVersion: z.literal(templateJsonFormatVersion, { message: `must be ${templateJsonFormatVersion}` }),
  template: templateGraphSchema,
});

/** The exported file of one template version (the version number is informative: import makes a new one). */
export function exportTemplateJson(graph: TemplateGraph, version: number): string {
  const { code: templateCode, name, nameEn, description, steps, transitions } = graph;
  return JSON.stringify(
    {
      format: templateJsonFormat,
      formatVersion: templateJsonFormatVersion,
      exportedFromVersion: version,
      template: {
        code: templateCode,
        name,
        nameEn,
        description: description ?? null,
        steps: steps.map((step) => ({ code: step.code, name: step.name, nameEn: step.nameEn, kind: step.kind, workOrderTypeCode: step.workOrderTypeCode, joinAll: step.joinAll, positionCode: step.positionCode ?? null, timeLimitTypeCode: step.timeLimitTypeCode ?? null, handlerFromStep: step.handlerFromStep ?? null, x: step.x ?? null, y: step.y ?? null })),
        transitions: transitions.map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind, exceptionType: edge.exceptionType })),
      },
    },
    null,
    2,
  );
}

/** Parses an uploaded file; bad JSON or a bad field is a BAD_USER_INPUT naming the field (graph rules are checked later). */
export function parseTemplateJson(json: string): TemplateGraph {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new AppError('BAD_USER_INPUT', `json: not valid JSON (${(error as Error).message})`, { field: 'json' });
  }
  return parseInput(fileSchema, value).template;
}
