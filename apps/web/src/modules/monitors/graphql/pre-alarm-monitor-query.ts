import { graphql } from '../../../generated';

/** Counts of one organisation's subtree and of each organisation directly below it. */
export const PreAlarmMonitorQuery = graphql(`
  query PreAlarmMonitor($organisationId: ID) {
    preAlarmMonitor(organisationId: $organisationId) {
      subject
      executing
      warning
      overdue
      acceptOverdue
      organisation {
        id
        code
        name
        nameEn
        level
      }
    }
  }
`);
