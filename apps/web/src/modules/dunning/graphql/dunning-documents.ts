import { graphql } from '../../../generated';

/** A schedule as its row in the list shows it; the live event carries the same fields, so the row follows it. */
export const DunningScheduleRowFragment = graphql(`
  fragment DunningScheduleRow on DunningSchedule {
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
`);

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
          ...DunningScheduleRow
        }
      }
    }
  }
`);

/** Fires when reminders of a schedule went out or were refused, or its numbers paid; the page re-reads what it shows. */
export const DunningScheduleChangedSubscription = graphql(`
  subscription DunningScheduleChanged($id: ID!) {
    dunningScheduleChanged(id: $id) {
      ...DunningScheduleRow
    }
  }
`);

/** A schedule's numbers, one page, optionally in one state. */
export const DunningTargetsQuery = graphql(`
  query DunningTargets($id: ID!, $state: DunningTargetState, $first: Int!, $after: String) {
    dunningSchedule(id: $id) {
      ...DunningScheduleRow
      template
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
        ...DunningScheduleRow
      }
      problems {
        line
        text
        code
        message
        firstLine
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
      schedule {
        ...DunningScheduleRow
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
