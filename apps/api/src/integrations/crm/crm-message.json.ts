import {
  CUSTOMER_TEXT_FIELDS,
  CUSTOMER_TEXT_FIELD_SET,
  ORDER_TEXT_FIELDS,
  ORDER_TEXT_FIELD_SET,
  emptyRawOrder,
  givenTimes,
  quote,
  type FieldPath,
  type RawCrmOrder,
  type RawReadResult,
} from './crm-message.raw.ts';

type JsonObject = Record<string, unknown>;

/** Reads an order message in the JSON format documented in crm-message.md. */
export function readCrmJson(payload: string): RawReadResult {
  const json = payload.replace(/^\uFEFF/, '');
  if (json.trimStart().startsWith('<')) return fail('payload is not JSON: it starts with "<" (was it sent as XML?)');

  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    return fail(`JSON is not well-formed${describeSyntaxError(json, error)}`);
  }
  if (!isObject(document)) return fail(`JSON message must be an object with the order fields, not ${describeType(document)}`);
  const keys = Object.keys(document);
  if (keys.length === 1 && keys[0] === 'order' && isObject(document.order)) {
    return fail('JSON message wraps the order in "order"; send the order object itself, with crmOrderCode and the other fields at the top level');
  }

  const raw = emptyRawOrder();
  for (const field of ORDER_TEXT_FIELDS) readText(document[field], field, raw);

  const customer = document.customer;
  if (isObject(customer)) for (const field of CUSTOMER_TEXT_FIELDS) readText(customer[field], `customer.${field}`, raw);
  else if (customer !== undefined && customer !== null) {
    raw.problems.push(`customer must be an object with name, phone, address and idCardNo, not ${describeType(customer)}`);
    for (const field of CUSTOMER_TEXT_FIELDS) raw.reported.add(`customer.${field}`);
  }

  const parameters = document.parameters;
  if (isObject(parameters)) {
    for (const [name, value] of Object.entries(parameters)) {
      if (name.trim() === '') raw.problems.push('a parameter has an empty name');
      else if (typeof value === 'string') raw.parameters.push({ name: name.trim(), value: value.trim() });
      else raw.problems.push(`parameter ${quote(name)} must be a string in quotes, not ${describeType(value)}`);
    }
  } else if (parameters !== undefined && parameters !== null) {
    raw.problems.push(`parameters must be an object of name: "value" pairs, not ${describeType(parameters)}`);
  }

  raw.problems.push(...duplicateKeyProblems(json));
  return { ok: true, raw };
}

function readText(value: unknown, path: FieldPath, raw: RawCrmOrder): void {
  if (value === undefined || value === null) return;
  // Numbers are refused rather than converted: an 18-digit CRM order code loses digits as a JSON
  // number, and an area code such as 020 loses its leading zero.
  if (typeof value === 'string') {
    raw.fields.set(path, value.trim());
    return;
  }
  raw.problems.push(`${path} must be a string in quotes, not ${describeType(value)}`);
  raw.reported.add(path);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the value ${String(value)}`;
  return typeof value;
}

// V8 says "... in JSON at position 42"; a dispatcher looking at the stored message needs line and column.
function describeSyntaxError(json: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /\s+in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!position) return `: ${message}`;
  const offset = Number(position[1]);
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}: ${message.replace(position[0], '')}`;
}

interface Frame {
  kind: 'object' | 'array';
  path: string[];
  counts: Map<string, number>;
  expectKey: boolean;
  lastKey: string;
  index: number;
}

/**
 * JSON.parse keeps only the last of repeated keys, which would silently lose a field or parameter.
 * This walks the (already valid) text once and reports keys repeated in the order, customer or
 * parameters objects; repeats elsewhere are in parts of the message OpenIOM ignores.
 */
function duplicateKeyProblems(json: string): string[] {
  const problems: string[] = [];
  const stack: Frame[] = [];
  const childPath = (parent: Frame | undefined): string[] =>
    parent === undefined ? [] : [...parent.path, parent.kind === 'object' ? parent.lastKey : String(parent.index)];
  const close = (frame: Frame | undefined) => {
    if (!frame || frame.kind !== 'object') return;
    for (const [key, count] of frame.counts) if (count > 1) problems.push(...describeDuplicate(frame.path, key, count));
  };

  for (let i = 0; i < json.length; i += 1) {
    const char = json[i];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const start = i;
      for (i += 1; json[i] !== '"'; i += 1) if (json[i] === '\\') i += 1;
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(json.slice(start, i + 1)) as string;
        top.counts.set(key, (top.counts.get(key) ?? 0) + 1);
        top.lastKey = key;
        top.expectKey = false;
      }
    } else if (char === '{' || char === '[') {
      stack.push({ kind: char === '{' ? 'object' : 'array', path: childPath(top), counts: new Map(), expectKey: char === '{', lastKey: '', index: 0 });
    } else if (char === '}' || char === ']') {
      close(stack.pop());
    } else if (char === ',' && top) {
      if (top.kind === 'object') top.expectKey = true;
      else top.index += 1;
    }
  }
  return problems;
}

function describeDuplicate(path: string[], key: string, count: number): string[] {
  if (path.length === 0) return ORDER_TEXT_FIELD_SET.has(key) || key === 'customer' || key === 'parameters' ? [givenTimes(key, count)] : [];
  if (path.length === 1 && path[0] === 'customer' && CUSTOMER_TEXT_FIELD_SET.has(key)) return [givenTimes(`customer.${key}`, count)];
  if (path.length === 1 && path[0] === 'parameters') return [givenTimes(`parameter ${quote(key)}`, count)];
  return [];
}

function fail(reason: string): RawReadResult {
  return { ok: false, reason };
}
