import { graphql } from '../../../generated';

/** One page of dunning schedules, newest first. */
export const DunningSchedulesQuery = graphql(`
  query DunningSchedules($first: Int!, $after: String) {
    dunningSchedules(first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          channel
          startAt
          periodMinutes
          count
          state
          createdBy
          summary {
            total
            active
            paid
            done
            failed
            remindersSent
          }
        }
      }
    }
  }
`);

/** A schedule's numbers, one page, optionally in one state. */
export const DunningTargetsQuery = graphql(`
  query DunningTargets($id: ID!, $state: DunningTargetState, $first: Int!, $after: String) {
    dunningSchedule(id: $id) {
      id
      name
      template
      count
      state
      targets(state: $state, first: $first, after: $after) {
        totalCount
        totalCountCapped
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            phone
            amount
            state
            remindersSent
            nextDueAt
            lastReminder {
              id
              state
              sentAt
              createdAt
              error
            }
          }
        }
      }
    }
  }
`);

/** Every reminder attempt to one number. */
export const DunningHistoryQuery = graphql(`
  query DunningHistory($phone: String!) {
    dunningHistory(phone: $phone, first: 200) {
      id
      scheduleName
      n
      channel
      state
      message
      error
      createdAt
      sentAt
    }
  }
`);

export const CreateDunningScheduleMutation = graphql(`
  mutation CreateDunningSchedule($input: CreateDunningScheduleInput!) {
    createDunningSchedule(input: $input) {
      schedule {
        id
      }
      problems {
        line
        text
        message
      }
      error {
        code
        message
      }
    }
  }
`);

export const CancelDunningScheduleMutation = graphql(`
  mutation CancelDunningSchedule($id: ID!) {
    cancelDunningSchedule(id: $id) {
      ok
      error {
        message
      }
    }
  }
`);

export const MarkDunningPaidMutation = graphql(`
  mutation MarkDunningPaid($phone: String!) {
    markDunningPaid(phone: $phone) {
      stopped
    }
  }
`);
