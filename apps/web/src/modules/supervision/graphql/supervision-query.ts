import { graphql } from '../../../generated';

/** The three supervision lists, with when they next change by time alone. */
export const SupervisionQuery = graphql(`
  query Supervision($first: Int, $filter: SupervisionFilter) {
    supervision(first: $first, filter: $filter) {
      asOf
      nextChangeAt
      thresholds {
        overdueHours
        warningHours
        claimTimeoutHours
        claimStepCodes
      }
      overdue {
        ...SupervisionListFields
      }
      warning {
        ...SupervisionListFields
      }
      claimTimeout {
        ...SupervisionListFields
      }
    }
  }

  fragment SupervisionListFields on SupervisionListPage {
    total
    rows {
      list
      orderId
      orderNo
      workOrderId
      workOrderNo
      workOrderState
      stepCode
      stepName
      stepNameEn
      customerName
      customerPhone
      address
      acceptedAt
      since
      ageMinutes
      teamId
      teamName
      teamNameEn
      installerId
      installerName
      installerStaffNo
      installerPhone
    }
  }
`);
