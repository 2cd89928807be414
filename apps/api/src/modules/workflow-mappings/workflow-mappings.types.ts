/** An IOM workflow as the API reads it, with its template's newest active version. */
export interface IomWorkflowRecord {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  templateCode: string;
  /** Of the newest active version of the template code; null when there is none. */
  templateName: string | null;
  templateNameEn: string | null;
  templateVersion: number | null;
  businessCount: number;
}

/** A business mapping as the API reads it. */
export interface BusinessWorkflowRecord {
  businessCode: string;
  name: string;
  nameEn: string;
  description: string | null;
  iomWorkflow: IomWorkflowRecord;
}

export interface IomWorkflowInput {
  /** True: make a new one (the code must be free); false: change the one with this code. */
  create: boolean;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  templateCode: string;
}

export interface BusinessWorkflowInput {
  create: boolean;
  businessCode: string;
  name: string;
  nameEn: string;
  description: string | null;
  iomWorkflowCode: string;
}
