import { graphql } from '../../../generated';

/** The daily work-order report of one day: counts per organisation and work-order type. */
export const DailyReportQuery = graphql(`
  query DailyReport($date: String) {
    dailyWorkOrderReport(date: $date) {
      date
      today
      timeZone
      asOf
      rows {
        organisation {
          id
          name
          nameEn
        }
        workOrderType {
          code
          name
          nameEn
        }
        created
        completed
        completedOnTime
        exceptions
        open
        overdue
      }
    }
  }
`);
