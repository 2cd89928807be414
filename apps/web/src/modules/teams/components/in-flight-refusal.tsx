import type { InFlightWorkFieldsFragment } from '../../../generated/graphql';
import { InFlightList } from './in-flight-list';

/** A refused change with the in-flight work that stopped it, read out by screen readers. */
export function InFlightRefusal({ message, work, testId }: { message: string; work: readonly InFlightWorkFieldsFragment[]; testId: string }) {
  return (
    <div className="in-flight-refusal" role="alert" data-testid={testId}>
      <p className="form-error">{message}</p>
      <InFlightList work={work} testId={`${testId}-work`} />
    </div>
  );
}
