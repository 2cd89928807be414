import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { MarkMessagesReadMutation, MessageReceivedSubscription, MyUnreadMessagesQuery } from '../graphql/installer-documents';

/** Unread messages from dispatchers (e.g. sent from the dispatch map), live, with "mark read". */
export function MessagesPanel() {
  const { t } = useTranslation();
  const { data, refetch } = useQuery(MyUnreadMessagesQuery, { fetchPolicy: 'cache-and-network' });
  useSubscription(MessageReceivedSubscription, { onData: () => void refetch() });
  const [markRead, marking] = useMutation(MarkMessagesReadMutation);
  const messages = data?.myStaffMessages ?? [];
  if (messages.length === 0) return null;
  const newest = messages.reduce((max, message) => (BigInt(message.id) > BigInt(max) ? message.id : max), messages[0].id);

  return (
    <section aria-labelledby="m-messages" className="m-messages" data-testid="m-messages">
      <h2 id="m-messages" className="m-section-title">
        {t('mobile.messages', { count: messages.length })}
      </h2>
      <ul>
        {messages.map((message) => (
          <li key={message.id} data-testid="m-message">
            <p>{message.text}</p>
            <p className="muted">
              {message.fromName ?? t('mobile.system')}
              {message.fromStaffNo ? ` (${message.fromStaffNo})` : ''} · {formatDateTime(message.createdAt, { seconds: false })}
              {message.workOrderNo ? ` · ${message.workOrderNo}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <button type="button" className="m-button" disabled={marking.loading} onClick={() => void markRead({ variables: { upToId: newest } }).then(() => refetch())}>
        {t('mobile.markRead')}
      </button>
    </section>
  );
}
