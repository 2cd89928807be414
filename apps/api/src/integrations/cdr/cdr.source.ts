import type { CallRecordInput, CallRecordResultRecord } from '../../modules/prepaid/prepaid.types.ts';

/**
 * Where call detail records go: the prepaid rating. Records arrive as a stream from the switch or
 * mediation — through the `submitCallRecords` mutation (batched, each record validated on its own) or,
 * on a laptop, from the built-in simulator — and each is rated as it arrives.
 */
export interface CdrSink {
  ingest(records: readonly CallRecordInput[]): Promise<CallRecordResultRecord[]>;
}

/** A producer of call records that pushes them into a sink until stopped. */
export interface CdrSource {
  start(sink: CdrSink): void;
  stop(): Promise<void>;
}
