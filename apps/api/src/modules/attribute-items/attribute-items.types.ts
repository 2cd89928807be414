import type { AttributeValueType } from '@openiom/db';

/** An attribute item (属性项): an order parameter's definition. */
export interface AttributeItemRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  valueType: AttributeValueType;
  /** Empty: every business. */
  businessCode: string;
  required: boolean;
  description: string;
}

export interface AttributeItemInput {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  valueType: AttributeValueType;
  businessCode: string;
  required: boolean;
  description: string;
}
