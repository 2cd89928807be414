import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRM_MESSAGE_MAX_BYTES, exampleJsonMessage, exampleXmlMessage, parseCrmMessage, type CrmMessageResult, type CrmOrder } from '../crm-message.ts';

const exampleOrder: CrmOrder = {
  crmOrderCode: 'GZ202403180000123',
  businessCode: 'FIXED_NEW',
  orderType: 'NEW',
  customer: { name: '陈晓明', phone: '13926045871', address: '广东省广州市天河区五山路华景新城翠景苑8栋1203房', idCardNo: '440106198503124518' },
  areaCode: '440106',
  productCode: 'PSTN_HOME',
  acceptedAt: '2024-03-18T01:32:15.000Z',
  acceptanceNo: 'SL4401062024031800042',
  broadbandAccount: null,
  cancelsCrmOrderCode: null,
  parameters: {
    wantedNumber: '020-38471256',
    numberSource: '选号',
    callerIdDisplay: '开通',
    longDistance: '国内长途',
    appointment: '2024-03-20 上午',
    remark: '客户要求工作日上门，进小区需提前电话联系',
  },
};

/** The XML example with one element's content replaced (undefined removes the element). */
function xmlWith(element: string, content: string | undefined): string {
  const pattern = new RegExp(`[ \\t]*<${element}>[\\s\\S]*?</${element}>\\n?`);
  expect(exampleXmlMessage).toMatch(pattern);
  return exampleXmlMessage.replace(pattern, content === undefined ? '' : `<${element}>${content}</${element}>\n`);
}

/** The JSON example as an object, changed by `change`, back to text. */
function jsonWith(change: (message: Record<string, any>) => void): string {
  const message = JSON.parse(exampleJsonMessage) as Record<string, any>;
  change(message);
  return JSON.stringify(message);
}

function reasonOf(result: CrmMessageResult): string {
  if (result.ok) throw new Error(`expected a failure, got order ${result.order.crmOrderCode}`);
  return result.reason;
}

function orderOf(result: CrmMessageResult): CrmOrder {
  if (!result.ok) throw new Error(`expected an order, got: ${result.reason}`);
  return result.order;
}

describe('parseCrmMessage: the documented examples', () => {
  it('parses the XML example', () => {
    expect(parseCrmMessage(exampleXmlMessage, 'XML')).toEqual({ ok: true, order: exampleOrder });
  });

  it('parses the JSON example to the same order', () => {
    expect(parseCrmMessage(exampleJsonMessage, 'JSON')).toEqual({ ok: true, order: exampleOrder });
  });

  it('matches the examples in crm-message.md, whose cancel example parses too', () => {
    const doc = readFileSync(new URL('../crm-message.md', import.meta.url), 'utf8');
    const blocks = (language: string) => [...doc.matchAll(new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]);
    const [xml, cancelXml] = blocks('xml');
    expect(xml).toBe(exampleXmlMessage);
    expect(blocks('json')).toEqual([exampleJsonMessage]);
    expect(orderOf(parseCrmMessage(cancelXml, 'XML'))).toMatchObject({ orderType: 'CANCEL', cancelsCrmOrderCode: 'GZ202403180000123' });
  });

  it('preserves Chinese text, including numeric character references and CDATA, and trims whitespace', () => {
    const xml = xmlWith('name', '\n   &#38472;&#x6653;明  ').replace(
      '<param name="remark">',
      '<param name="备注说明">  <![CDATA[<急> 装机 & 测速]]>  </param>\n<param name="remark">',
    );
    const order = orderOf(parseCrmMessage(xml, 'XML'));
    expect(order.customer.name).toBe('陈晓明');
    expect(order.customer.address).toBe('广东省广州市天河区五山路华景新城翠景苑8栋1203房');
    expect(order.parameters['备注说明']).toBe('<急> 装机 & 测速');
    expect(order.parameters.remark).toBe('客户要求工作日上门，进小区需提前电话联系');
    expect(orderOf(parseCrmMessage(jsonWith((m) => (m.customer.name = ' 陈晓明\t')), 'JSON')).customer.name).toBe('陈晓明');
    // Characters outside the Basic Multilingual Plane (here U+20BB7) occur in real names.
    expect(orderOf(parseCrmMessage(xmlWith('name', '𠮷野家'), 'XML')).customer.name).toBe('𠮷野家');
  });

  it('reads "&amp;#65;" as the text "&#65;", decoding entities once', () => {
    expect(orderOf(parseCrmMessage(xmlWith('productCode', 'A&amp;#65;&lt;'), 'XML')).productCode).toBe('A&#65;<');
  });

  it('treats empty optional elements as absent and ignores unknown elements, even ones named like JavaScript internals', () => {
    const xml = xmlWith('productCode', '  ').replace(
      '<customer>',
      '<channel>营业厅</channel><constructor>x</constructor><__proto__ polluted="yes">y</__proto__><extra><deep>1</deep></extra>\n  <customer><email>a@b.cn</email>',
    );
    const order = orderOf(parseCrmMessage(xml, 'XML'));
    expect(order.productCode).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(orderOf(parseCrmMessage(jsonWith((m) => (m.channel = { a: [1] })), 'JSON'))).toEqual(exampleOrder);
  });

  it('keeps a parameter named "__proto__" as a plain key without touching prototypes', () => {
    const order = orderOf(parseCrmMessage(exampleXmlMessage.replace('<parameters>', '<parameters><param name="__proto__">x</param>'), 'XML'));
    expect(Object.keys(order.parameters)).toContain('__proto__');
    expect(Object.getPrototypeOf(order.parameters)).toBe(Object.prototype);
    const fromJson = orderOf(parseCrmMessage(exampleJsonMessage.replace('"parameters": {', '"parameters": { "__proto__": "x",'), 'JSON'));
    expect(Object.getOwnPropertyDescriptor(fromJson.parameters, '__proto__')?.value).toBe('x');
  });
});

describe('parseCrmMessage: missing and invalid fields', () => {
  it.each([
    ['crmOrderCode', 'crmOrderCode is missing'],
    ['businessCode', 'businessCode is missing'],
    ['orderType', 'orderType is missing'],
    ['acceptedAt', 'acceptedAt is missing'],
    ['name', 'customer.name is missing'],
    ['address', 'customer.address is missing'],
  ])('names a missing %s, in XML and JSON', (element, reason) => {
    expect(reasonOf(parseCrmMessage(xmlWith(element, undefined), 'XML'))).toBe(reason);
    const path = reason.replace(' is missing', '').split('.');
    const json = jsonWith((m) => (path.length === 2 ? delete m.customer[path[1]] : delete m[path[0]]));
    expect(reasonOf(parseCrmMessage(json, 'JSON'))).toBe(reason);
  });

  it('names an empty required field', () => {
    expect(reasonOf(parseCrmMessage(xmlWith('address', ' \n '), 'XML'))).toBe('customer.address is empty');
  });

  it('names every missing customer field when <customer> is absent', () => {
    expect(reasonOf(parseCrmMessage(xmlWith('customer', undefined), 'XML'))).toBe('customer.name is missing; customer.address is missing');
  });

  it('lists every problem, not only the first', () => {
    const xml = xmlWith('acceptedAt', 'yesterday').replace(/<address>.*<\/address>/, '');
    expect(reasonOf(parseCrmMessage(xml, 'XML'))).toBe('acceptedAt "yesterday" is not a date and time such as 2024-03-18T09:32:15+08:00; customer.address is missing');
  });

  it.each([
    ['orderType', 'INSTALL', 'orderType "INSTALL" is not one of NEW, MOVE, REMOVE, CHANGE, CANCEL'],
    ['acceptedAt', '2024-02-30 10:00:00', 'acceptedAt "2024-02-30 10:00:00" is not a date and time'],
    ['acceptedAt', '2024-03-18', 'acceptedAt "2024-03-18" is not a date and time'],
    ['phone', '020 3847 1256', 'customer.phone "020 3847 1256" is not a phone number'],
    ['phone', '1234', 'customer.phone "1234" is not a phone number'],
    ['phone', '+86-20-38471256123456', 'customer.phone "+86-20-38471256123456" is not a phone number'],
    ['phone', '1'.repeat(21), 'customer.phone "111111111111111111111" is not a phone number'],
    ['crmOrderCode', 'GZ 2024', 'crmOrderCode "GZ 2024" contains whitespace'],
    ['crmOrderCode', 'A'.repeat(65), 'crmOrderCode is 65 characters long, over the 64-character limit'],
    ['businessCode', 'FIXED NEW', 'businessCode "FIXED NEW" contains whitespace'],
  ])('names an invalid %s %j', (element, value, reason) => {
    expect(reasonOf(parseCrmMessage(xmlWith(element, value), 'XML'))).toContain(reason);
  });

  it('accepts the documented acceptedAt forms, taking a time without zone as China time', () => {
    for (const [value, iso] of [
      ['2024-03-18 09:32:15', '2024-03-18T01:32:15.000Z'],
      ['20240318093215', '2024-03-18T01:32:15.000Z'],
      ['2024/3/18 9:32', '2024-03-18T01:32:00.000Z'],
      ['2024-03-18T01:32:15.5Z', '2024-03-18T01:32:15.500Z'],
      ['2024-02-29T23:00:00-05:00', '2024-03-01T04:00:00.000Z'],
    ]) {
      expect(orderOf(parseCrmMessage(xmlWith('acceptedAt', value), 'XML')).acceptedAt, value).toBe(iso);
    }
  });

  it('accepts phone numbers with area code, dashes and a leading +, and any letter case of orderType', () => {
    const order = orderOf(parseCrmMessage(xmlWith('phone', '+86-20-38471256').replace('<orderType>NEW', '<orderType>new'), 'XML'));
    expect(order.customer.phone).toBe('+86-20-38471256');
    expect(order.orderType).toBe('NEW');
  });

  it('refuses duplicate parameter names, in XML and JSON', () => {
    const xml = exampleXmlMessage.replace('<parameters>', '<parameters><param name="remark">先打电话</param><param name=" remark ">x</param>');
    expect(reasonOf(parseCrmMessage(xml, 'XML'))).toBe('parameter "remark" is given 3 times; give it once');
    const json = exampleJsonMessage.replace('"parameters": {', '"parameters": { "remark": "先打电话",');
    expect(reasonOf(parseCrmMessage(json, 'JSON'))).toBe('parameter "remark" is given 2 times; give it once');
  });

  it('refuses fields given twice', () => {
    const xml = exampleXmlMessage.replace('<orderType>NEW</orderType>', '<orderType>NEW</orderType><orderType>MOVE</orderType>');
    expect(reasonOf(parseCrmMessage(xml, 'XML'))).toBe('orderType is given 2 times; give it once');
    const json = exampleJsonMessage.replace('"orderType": "NEW",', '"orderType": "NEW", "orderType": "MOVE",');
    expect(reasonOf(parseCrmMessage(json, 'JSON'))).toBe('orderType is given 2 times; give it once');
  });

  it('refuses anything but <param> inside <parameters>, and nameless params', () => {
    const xml = exampleXmlMessage.replace('<parameters>', '<parameters>loose<bandwidth>100M</bandwidth><param>1</param><param name="">2</param>');
    expect(reasonOf(parseCrmMessage(xml, 'XML'))).toBe(
      'parameters must contain only <param name="..."> elements, but contains the text "loose"; ' +
        'parameters must contain only <param name="..."> elements, but contains <bandwidth>; ' +
        'parameter #1 has no name attribute; parameter #2 has an empty name',
    );
  });

  it('refuses elements where text is expected, and text where elements are expected', () => {
    expect(reasonOf(parseCrmMessage(xmlWith('crmOrderCode', '<code>1</code>'), 'XML'))).toBe('crmOrderCode must contain only text, not other elements');
    expect(reasonOf(parseCrmMessage(xmlWith('customer', '陈晓明'), 'XML'))).toBe(
      'customer must contain the elements name, phone, address and idCardNo, but contains the text "陈晓明"',
    );
  });

  it('requires cancelsCrmOrderCode for ORDER_CANCEL and for orderType CANCEL', () => {
    const cancel = exampleXmlMessage.replace('FIXED_NEW', 'ORDER_CANCEL').replace('<orderType>NEW', '<orderType>CANCEL');
    expect(reasonOf(parseCrmMessage(cancel, 'XML'))).toBe('cancelsCrmOrderCode is missing; a cancel order (ORDER_CANCEL / CANCEL) must name the CRM order it cancels');
    expect(reasonOf(parseCrmMessage(exampleXmlMessage.replace('<orderType>NEW', '<orderType>CANCEL'), 'XML'))).toContain('cancelsCrmOrderCode is missing');
    expect(reasonOf(parseCrmMessage(exampleXmlMessage.replace('FIXED_NEW', 'ORDER_CANCEL'), 'XML'))).toContain('businessCode ORDER_CANCEL needs orderType CANCEL, not NEW');
    const named = cancel.replace('<customer>', '<cancelsCrmOrderCode> GZ202403170000077 </cancelsCrmOrderCode>\n  <customer>');
    expect(orderOf(parseCrmMessage(named, 'XML')).cancelsCrmOrderCode).toBe('GZ202403170000077');
    const itself = cancel.replace('<customer>', '<cancelsCrmOrderCode>GZ202403180000123</cancelsCrmOrderCode><customer>');
    expect(reasonOf(parseCrmMessage(itself, 'XML'))).toContain('an order cannot cancel itself');
  });

  it('refuses JSON numbers and other non-strings where text is expected', () => {
    const json = exampleJsonMessage.replace('"GZ202403180000123"', '201101095884479394').replace('"选号"', '1').replace(/"customer": \{[^}]*\}/, '"customer": "陈晓明"');
    expect(reasonOf(parseCrmMessage(json, 'JSON'))).toBe(
      // The number shows why numbers are refused: JSON.parse has already lost the last digits.
      'crmOrderCode must be a string in quotes, not the number 201101095884479400; ' +
        'customer must be an object with name, phone, address and idCardNo, not string; ' +
        'parameter "numberSource" must be a string in quotes, not the number 1',
    );
  });

  it('caps a very long list of problems', () => {
    const params = Array.from({ length: 30 }, () => '<param name="same">1</param><param>x</param>').join('');
    const reason = reasonOf(parseCrmMessage(exampleXmlMessage.replace('<parameters>', `<parameters>${params}`), 'XML'));
    expect(reason).toMatch(/; and 11 more problems$/);
  });
});

describe('parseCrmMessage: malformed and hostile payloads', () => {
  it('names XML that is not well-formed, with line and column', () => {
    const xml = exampleXmlMessage.replace('<areaCode>440106</areaCode>', '<areaCode>440106</area>');
    expect(reasonOf(parseCrmMessage(xml, 'XML'))).toBe(
      "XML is not well-formed at line 8, column 19: Expected closing tag 'areaCode' (opened in line 8, col 3) instead of closing tag 'area'.",
    );
    expect(reasonOf(parseCrmMessage('<order><customer><name>张三</name>', 'XML'))).toMatch(/^XML is not well-formed.*<order>, <customer> are never closed$/);
    expect(reasonOf(parseCrmMessage('<order>1 < 2</order>', 'XML'))).toMatch(/^XML is not well-formed at line 1, column \d+/);
    expect(reasonOf(parseCrmMessage('<order></order> trailing', 'XML'))).toBe('XML is not well-formed at line 1, column 17: Extra text at the end');
    expect(reasonOf(parseCrmMessage('<order>\n<a>\u0000</a></order>', 'XML'))).toBe('XML is not well-formed at line 2, column 4: the character U+0000 is not allowed in XML');
    expect(reasonOf(parseCrmMessage('<order/>trailing', 'XML'))).toBe('XML is not well-formed: there is text after the end of the root element');
  });

  it('names JSON that is not well-formed, with line and column', () => {
    const json = exampleJsonMessage.replace('"orderType": "NEW",', '"orderType": "NEW"');
    expect(reasonOf(parseCrmMessage(json, 'JSON'))).toMatch(/^JSON is not well-formed at line 5, column 3: /);
    expect(reasonOf(parseCrmMessage('{"crmOrderCode": "A', 'JSON'))).toMatch(/^JSON is not well-formed/);
  });

  it('refuses a wrong root element or shape', () => {
    expect(reasonOf(parseCrmMessage('<?xml version="1.0"?><Order><crmOrderCode>1</crmOrderCode></Order>', 'XML'))).toBe('root element is <Order>; expected <order>');
    expect(reasonOf(parseCrmMessage('<order/><order/>', 'XML'))).toBe('XML has 2 root elements; expected a single <order>');
    expect(reasonOf(parseCrmMessage('<!-- only a comment -->', 'XML'))).toBe('XML is not well-formed: Start tag expected.');
    expect(reasonOf(parseCrmMessage('[{"crmOrderCode": "1"}]', 'JSON'))).toBe('JSON message must be an object with the order fields, not a list');
    expect(reasonOf(parseCrmMessage(`{"order": ${exampleJsonMessage}}`, 'JSON'))).toMatch(/^JSON message wraps the order in "order"/);
  });

  it('says when the payload is in the other format, empty, or of an unknown format', () => {
    expect(reasonOf(parseCrmMessage(exampleJsonMessage, 'XML'))).toBe('payload is not XML: it starts with "{" (was it sent as JSON?)');
    expect(reasonOf(parseCrmMessage(exampleXmlMessage, 'JSON'))).toBe('payload is not JSON: it starts with "<" (was it sent as XML?)');
    expect(reasonOf(parseCrmMessage('  \n', 'XML'))).toBe('payload is empty');
    expect(reasonOf(parseCrmMessage(null as unknown as string, 'XML'))).toBe('payload is empty');
    expect(reasonOf(parseCrmMessage(exampleXmlMessage, 'YAML' as 'XML'))).toBe('message format "YAML" is unknown; expected XML or JSON');
    expect(orderOf(parseCrmMessage(`\uFEFF${exampleXmlMessage}`, ' xml ' as 'XML'))).toEqual(exampleOrder);
  });

  it('refuses DOCTYPE and ENTITY declarations (XXE, billion laughs)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<order><crmOrderCode>&xxe;</crmOrderCode></order>`;
    expect(reasonOf(parseCrmMessage(xxe, 'XML'))).toBe(
      'XML contains a DOCTYPE declaration, which is refused for security (entity expansion and external entities); send the order without DOCTYPE or ENTITY declarations',
    );
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><order>&lol9;</order>`;
    expect(reasonOf(parseCrmMessage(laughs, 'XML'))).toMatch(/^XML contains a DOCTYPE declaration/);
    expect(reasonOf(parseCrmMessage('<order><!entity x "y"></order>', 'XML'))).toMatch(/^XML contains an ENTITY declaration/);
  });

  it('refuses an oversize payload by its size alone, before parsing', () => {
    const oversize = `<order>${'x'.repeat(300 * 1024 - 7)}`; // not even well-formed: it must not get that far
    expect(CRM_MESSAGE_MAX_BYTES).toBe(256 * 1024);
    expect(reasonOf(parseCrmMessage(oversize, 'XML'))).toBe('payload is 300 KiB, over the 256 KiB limit');
    expect(reasonOf(parseCrmMessage('{'.repeat(CRM_MESSAGE_MAX_BYTES + 1), 'JSON'))).toBe('payload is 257 KiB, over the 256 KiB limit');
    // Counted in UTF-8 bytes: 100 Chinese characters are 300 bytes.
    expect(reasonOf(parseCrmMessage(`{"x":"${'装'.repeat(100)}"}`, 'JSON', { maxBytes: 200 }))).toBe('payload is 308 bytes, over the 200-byte limit');
  });

  it('parses a 10,000-parameter message within the limit quickly', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
    const json = jsonWith((m) => (m.parameters = Object.fromEntries(names.map((name) => [name, '宽带']))));
    expect(Buffer.byteLength(json)).toBeLessThan(CRM_MESSAGE_MAX_BYTES);
    let started = performance.now();
    expect(Object.keys(orderOf(parseCrmMessage(json, 'JSON')).parameters)).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(1_000);

    // In XML each <param> costs about 30 bytes, so 10,000 of them need a raised limit.
    const xml = exampleXmlMessage.replace(/<parameters>[\s\S]*<\/parameters>/, `<parameters>${names.map((name) => `<param name="${name}">1</param>`).join('')}</parameters>`);
    const maxBytes = 512 * 1024;
    expect(Buffer.byteLength(xml)).toBeLessThan(maxBytes);
    started = performance.now();
    expect(Object.keys(orderOf(parseCrmMessage(xml, 'XML', { maxBytes })).parameters)).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('never throws: every truncation of the examples and deep nesting give a reason', () => {
    for (const [payload, format] of [
      [exampleXmlMessage, 'XML'],
      [exampleJsonMessage, 'JSON'],
    ] as const) {
      for (let end = 0; end < payload.trimEnd().length - 1; end += 1) {
        const result = parseCrmMessage(payload.slice(0, end), format);
        expect(result.ok, `${format} cut at ${end}`).toBe(false);
      }
    }
    expect(reasonOf(parseCrmMessage(`<order>${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}</order>`, 'XML'))).toMatch(/^XML could not be read: /);
    expect(reasonOf(parseCrmMessage(`${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'JSON'))).toMatch(/^JSON message must be an object/);
  });
});
