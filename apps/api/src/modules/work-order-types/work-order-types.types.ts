/** A work-order category as the API reads it. */
export interface WorkOrderCategoryRecord {
  code: string;
  name: string;
  nameEn: string;
}

export interface WorkOrderCategoryInput {
  /** True: make a new one (the code must be free); false: change the one with this code. */
  create: boolean;
  code: string;
  name: string;
  nameEn: string;
}

export interface WorkOrderTypeInput extends WorkOrderCategoryInput {
  categoryCode: string;
}
