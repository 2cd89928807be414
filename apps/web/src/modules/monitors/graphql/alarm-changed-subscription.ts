import { graphql } from '../../../generated';

/** Orders and work orders turning warning or overdue: the pre-alarm counts are read again. */
export const AlarmChangedSubscription = graphql(`
  subscription AlarmChanged($filter: AlarmEventFilter) {
    alarmChanged(filter: $filter) {
      subject
      timeState
      acceptOverdue
    }
  }
`);
