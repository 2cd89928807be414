import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import {
  CUSTOMER_TEXT_FIELDS,
  CUSTOMER_TEXT_FIELD_SET,
  ORDER_TEXT_FIELD_SET,
  emptyRawOrder,
  givenTimes,
  quote,
  type FieldPath,
  type RawCrmOrder,
  type RawReadResult,
} from './crm-message.raw.ts';

// Refused before any parsing: a DOCTYPE is how entity-expansion ("billion laughs") and external-entity
// (XXE) attacks get in, and a CRM order has no use for one. Matched anywhere, even inside a comment.
const DECLARATION = /<!\s*(DOCTYPE|ENTITY)\b/i;

// fast-xml-parser uses element and attribute names as object keys and refuses names such as
// "constructor". Prefixing every name with a character that cannot start an XML name keeps such
// (ignored) elements from failing the whole message. The parser may apply the transform twice.
const MARK = '<';
const mark = (name: string) => (name.startsWith(MARK) ? name : MARK + name);
const unmark = (key: string) => key.slice(MARK.length);

const TEXT = '#text';
const ATTRIBUTES = ':@';

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// The library's default decoder leaves numeric references (&#20013;) undecoded. This one decodes the
// five predefined entities and numeric references in one pass (so "&amp;#65;" stays "&#65;"), and
// never expands declared entities. An unknown or invalid reference is kept as written.
const entityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text) =>
    text.includes('&')
      ? text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (whole, ref: string) => {
          if (ref[0] !== '#') return PREDEFINED_ENTITIES[ref] ?? whole;
          const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
          return isXmlChar(code) ? String.fromCodePoint(code) : whole;
        })
      : text,
};

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

// Characters XML 1.0 forbids, which the library's validator lets through: C0 controls other than
// tab, newline and carriage return, unpaired surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

type XmlNode = Record<string, unknown>;
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

function elementOf(node: XmlNode): XmlElement | null {
  const key = Object.keys(node).find((k) => k !== ATTRIBUTES && k !== TEXT);
  if (key === undefined) return null;
  const attributes: Record<string, string> = {};
  const rawAttributes = node[ATTRIBUTES];
  if (rawAttributes && typeof rawAttributes === 'object') {
    for (const [name, value] of Object.entries(rawAttributes)) attributes[unmark(name)] = String(value);
  }
  const children = node[key];
  return { name: unmark(key), attributes, children: Array.isArray(children) ? (children as XmlNode[]) : [] };
}

function textNodeOf(node: XmlNode): string | null {
  return TEXT in node ? String(node[TEXT]) : null;
}

/** The element's text, or null when it contains elements (mixed content is not part of the format). */
function textContent(element: XmlElement): string | null {
  let text = '';
  for (const child of element.children) {
    const part = textNodeOf(child);
    if (part === null) return null;
    text += part;
  }
  return text.trim();
}

/** Reads an order message in the XML format documented in crm-message.md. */
export function readCrmXml(payload: string): RawReadResult {
  const xml = payload.replace(/^\uFEFF/, '');
  const declaration = DECLARATION.exec(xml);
  if (declaration) {
    const kind = declaration[1].toUpperCase() === 'DOCTYPE' ? 'a DOCTYPE' : 'an ENTITY';
    return fail(`XML contains ${kind} declaration, which is refused for security (entity expansion and external entities); send the order without DOCTYPE or ENTITY declarations`);
  }
  const control = NOT_XML_CHAR.exec(xml);
  if (control) {
    const { line, column } = lineAndColumn(xml, control.index);
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail(`XML is not well-formed at line ${line}, column ${column}: the character U+${code} is not allowed in XML`);
  }
  const start = xml.trimStart()[0];
  if (start === '{' || start === '[') return fail(`payload is not XML: it starts with "${start}" (was it sent as JSON?)`);

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    const where = Number.isFinite(line) && Number.isFinite(col) ? ` at line ${line}, column ${col}` : '';
    return fail(`XML is not well-formed${where}: ${describeValidationError(msg)}`);
  }
  if (!xml.trimEnd().endsWith('>')) return fail('XML is not well-formed: there is text after the end of the root element');

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    entityDecoder,
    transformTagName: mark,
    transformAttributeName: mark,
  });
  let document: XmlNode[];
  try {
    document = parser.parse(xml) as XmlNode[];
  } catch (error) {
    return fail(`XML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  const roots = document.map(elementOf).filter((element): element is XmlElement => element !== null);
  if (roots.length === 0) return fail('XML has no root element; expected <order>');
  if (roots.length > 1) return fail(`XML has ${roots.length} root elements; expected a single <order>`);
  if (roots[0].name !== 'order') return fail(`root element is <${roots[0].name}>; expected <order>`);
  return { ok: true, raw: readOrder(roots[0]) };
}

function readOrder(order: XmlElement): RawCrmOrder {
  const raw = emptyRawOrder();
  const seen = new Map<string, number>();
  for (const element of order.children.map(elementOf)) {
    if (!element) continue;
    const { name } = element;
    const known = ORDER_TEXT_FIELD_SET.has(name) || name === 'customer' || name === 'parameters';
    // Unknown elements are ignored so that CRM can add fields before OpenIOM reads them.
    if (!known) continue;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) continue;
    if (name === 'customer') readCustomer(element, raw);
    else if (name === 'parameters') readParameters(element, raw);
    else readTextField(element, name as FieldPath, raw);
  }
  for (const [name, count] of seen) if (count > 1) raw.problems.push(givenTimes(name, count));
  return raw;
}

function readTextField(element: XmlElement, path: FieldPath, raw: RawCrmOrder): void {
  const text = textContent(element);
  if (text !== null) {
    raw.fields.set(path, text);
    return;
  }
  raw.problems.push(`${path} must contain only text, not other elements`);
  raw.reported.add(path);
}

function readCustomer(customer: XmlElement, raw: RawCrmOrder): void {
  const seen = new Map<string, number>();
  let text = '';
  for (const node of customer.children) {
    const element = elementOf(node);
    if (!element) {
      text += textNodeOf(node) ?? '';
      continue;
    }
    if (!CUSTOMER_TEXT_FIELD_SET.has(element.name)) continue;
    const count = (seen.get(element.name) ?? 0) + 1;
    seen.set(element.name, count);
    if (count === 1) readTextField(element, `customer.${element.name}` as FieldPath, raw);
  }
  for (const [name, count] of seen) if (count > 1) raw.problems.push(givenTimes(`customer.${name}`, count));
  if (text.trim() !== '') {
    raw.problems.push(`customer must contain the elements name, phone, address and idCardNo, but contains the text ${quote(text.trim())}`);
    if (seen.size === 0) for (const field of CUSTOMER_TEXT_FIELDS) raw.reported.add(`customer.${field}`);
  }
}

function readParameters(parameters: XmlElement, raw: RawCrmOrder): void {
  let index = 0;
  for (const node of parameters.children) {
    const text = textNodeOf(node);
    if (text !== null) {
      if (text.trim() !== '') raw.problems.push(`parameters must contain only <param name="..."> elements, but contains the text ${quote(text.trim())}`);
      continue;
    }
    const element = elementOf(node);
    if (!element) continue;
    if (element.name !== 'param') {
      raw.problems.push(`parameters must contain only <param name="..."> elements, but contains <${element.name}>`);
      continue;
    }
    index += 1;
    const name = element.attributes.name?.trim();
    const value = textContent(element);
    if (name === undefined) raw.problems.push(`parameter #${index} has no name attribute`);
    else if (name === '') raw.problems.push(`parameter #${index} has an empty name`);
    else if (value === null) raw.problems.push(`parameter ${quote(name)} must contain only text, not other elements`);
    else raw.parameters.push({ name, value });
  }
}

// The validator reports unclosed elements as "Invalid '["order","customer"]' found."; say it plainly.
function describeValidationError(message: string): string {
  const unclosed = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(message);
  if (unclosed) {
    try {
      const names = JSON.parse(unclosed[1]) as unknown;
      if (Array.isArray(names) && names.length > 0) {
        return `${names.map((name) => `<${String(name)}>`).join(', ')} ${names.length === 1 ? 'is' : 'are'} never closed`;
      }
    } catch {
      // Fall through to the library's own wording.
    }
  }
  return message;
}

function fail(reason: string): RawReadResult {
  return { ok: false, reason };
}
