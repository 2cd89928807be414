// One order, a fixed-line new install (固话新装) in Tianhe, Guangzhou, written in both formats.
// Integrators can copy these; the tests check that both parse to the same order.

/** Example CRM order message in the XML format. */
export const exampleXmlMessage = `<?xml version="1.0" encoding="UTF-8"?>
<order>
  <crmOrderCode>GZ202403180000123</crmOrderCode>
  <businessCode>FIXED_NEW</businessCode>
  <orderType>NEW</orderType>
  <acceptanceNo>SL4401062024031800042</acceptanceNo>
  <acceptedAt>2024-03-18T09:32:15+08:00</acceptedAt>
  <areaCode>440106</areaCode>
  <productCode>PSTN_HOME</productCode>
  <customer>
    <name>陈晓明</name>
    <phone>13926045871</phone>
    <address>广东省广州市天河区五山路华景新城翠景苑8栋1203房</address>
    <idCardNo>440106198503124518</idCardNo>
  </customer>
  <parameters>
    <param name="wantedNumber">020-38471256</param>
    <param name="numberSource">选号</param>
    <param name="callerIdDisplay">开通</param>
    <param name="longDistance">国内长途</param>
    <param name="appointment">2024-03-20 上午</param>
    <param name="remark">客户要求工作日上门，进小区需提前电话联系</param>
  </parameters>
</order>
`;

/** Example CRM order message in the JSON format: the same order as {@link exampleXmlMessage}. */
export const exampleJsonMessage = `{
  "crmOrderCode": "GZ202403180000123",
  "businessCode": "FIXED_NEW",
  "orderType": "NEW",
  "acceptanceNo": "SL4401062024031800042",
  "acceptedAt": "2024-03-18T09:32:15+08:00",
  "areaCode": "440106",
  "productCode": "PSTN_HOME",
  "customer": {
    "name": "陈晓明",
    "phone": "13926045871",
    "address": "广东省广州市天河区五山路华景新城翠景苑8栋1203房",
    "idCardNo": "440106198503124518"
  },
  "parameters": {
    "wantedNumber": "020-38471256",
    "numberSource": "选号",
    "callerIdDisplay": "开通",
    "longDistance": "国内长途",
    "appointment": "2024-03-20 上午",
    "remark": "客户要求工作日上门，进小区需提前电话联系"
  }
}
`;
