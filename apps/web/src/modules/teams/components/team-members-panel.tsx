import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly } from '../../../app/session/menu-access';
import type { InFlightWorkFieldsFragment, TeamRowFragment } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { localName } from '../../../lib/local-name';
import { SearchSelect } from '../../work-orders/components/search-select';
import { AddTeamMemberMutation, RemoveTeamMemberMutation, TeamStaffChoicesQuery } from '../graphql/teams-documents';
import { teamErrorText } from '../team-error-text';
import { InFlightRefusal } from './in-flight-refusal';

/**
 * One team: its queue, its members (remove, refused with the work they still hold) and adding a
 * staff member of the team's organisation line (they can claim the team's work orders at once).
 */
export function TeamMembersPanel({ team, onChanged, onRename, onDelete }: { team: TeamRowFragment; onChanged: (team: TeamRowFragment | null) => void; onRename: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const leaderId = useId();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [chosen, setChosen] = useState<string | null>(null);
  const [leader, setLeader] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; work: readonly InFlightWorkFieldsFragment[] } | null>(null);
  const choices = useQuery(TeamStaffChoicesQuery, { variables: { teamId: team.id, search: deferredSearch.trim() || null }, fetchPolicy: 'cache-and-network', skip: !team.active });
  const [add, adding] = useMutation(AddTeamMemberMutation);
  const [remove, removing] = useMutation(RemoveTeamMemberMutation);
  const options = (choices.data?.teamStaffChoices ?? []).map((s) => ({ id: s.id, label: `${s.staffNo} ${s.name}` }));

  const addMember = async () => {
    if (!chosen) return;
    setNotice(null);
    setRefusal(null);
    const outcome = (await add({ variables: { input: { teamId: team.id, staffId: chosen, leader } } })).data?.addTeamMember;
    if (outcome?.ok && outcome.team) {
      const person = options.find((o) => o.id === chosen)?.label ?? chosen;
      setNotice(t('teams.members.added', { person }));
      setChosen(null);
      setLeader(false);
      onChanged(outcome.team);
      void choices.refetch().catch(() => undefined);
    } else setRefusal({ message: teamErrorText(t, outcome?.error), work: outcome?.inFlight ?? [] });
  };

  const removeMember = async (staffId: string, person: string) => {
    setNotice(null);
    setRefusal(null);
    const outcome = (await remove({ variables: { input: { teamId: team.id, staffId } } })).data?.removeTeamMember;
    if (outcome?.ok && outcome.team) {
      setNotice(t('teams.members.removed', { person }));
      onChanged(outcome.team);
      void choices.refetch().catch(() => undefined);
    } else setRefusal({ message: teamErrorText(t, outcome?.error), work: outcome?.inFlight ?? [] });
  };

  return (
    <section className="panel team-panel" aria-labelledby={titleId} data-testid="team-panel" data-team-id={team.id}>
      <h2 id={titleId}>
        {team.code} · {localName(team)}
      </h2>
      <dl className="facts">
        <dt>{t('teams.area')}</dt>
        <dd>{localName(team.organisation)}</dd>
        <dt>{t('teams.queue')}</dt>
        <dd className="mono">{team.position.code}</dd>
        <dt>{t('teams.externalId')}</dt>
        <dd className="mono">{team.externalId ?? '—'}</dd>
        <dt>{t('teams.syncedAt')}</dt>
        <dd>{team.syncedAt ? formatDateTime(team.syncedAt, { seconds: false }) : t('teams.neverSynced')}</dd>
      </dl>
      <OperateOnly>
        <div className="team-panel-actions">
          <button type="button" className="button" onClick={onRename} data-testid="team-edit">
            {t('teams.edit')}
          </button>
          <button type="button" className="button danger" onClick={onDelete} data-testid="team-delete">
            {t('teams.delete')}
          </button>
        </div>
      </OperateOnly>
      {notice && (
        <p className="notice ok" role="status" data-testid="team-members-notice">
          {notice}
        </p>
      )}
      {refusal && <InFlightRefusal message={refusal.message} work={refusal.work} testId="team-member-refusal" />}
      <h3>{t('teams.members.title', { count: team.members.length })}</h3>
      {team.members.length === 0 ? (
        <p className="muted">{t('teams.members.none')}</p>
      ) : (
        <ul className="team-members" data-testid="team-members">
          {team.members.map((m) => {
            const person = `${m.staff.staffNo} ${m.staff.name}`;
            return (
              <li key={m.staff.id} data-testid="team-member" data-staff-no={m.staff.staffNo}>
                <span>
                  <span className="mono">{m.staff.staffNo}</span> {m.staff.name}
                  {m.leader && <span className="badge">{t('teams.members.leader')}</span>}
                  {!m.staff.active && <span className="badge danger">{t('teams.members.inactive')}</span>}
                </span>
                <OperateOnly>
                  <button type="button" className="button" disabled={removing.loading} onClick={() => void removeMember(m.staff.id, person)} aria-label={t('teams.members.removeLabel', { person })} data-testid="team-member-remove">
                    {t('teams.members.remove')}
                  </button>
                </OperateOnly>
              </li>
            );
          })}
        </ul>
      )}
      {team.active && (
        <OperateOnly>
          <form
            className="team-add-member"
            onSubmit={(e) => {
              e.preventDefault();
              void addMember();
            }}
          >
            <SearchSelect
              label={t('teams.members.choose')}
              searchLabel={t('teams.members.search')}
              search={search}
              onSearch={setSearch}
              options={options}
              value={chosen}
              onChange={setChosen}
              loading={choices.loading}
              empty={t('teams.members.noChoices')}
              testId="team-member-choice"
            />
            <label className="checkbox" htmlFor={leaderId}>
              <input id={leaderId} type="checkbox" checked={leader} onChange={(e) => setLeader(e.target.checked)} data-testid="team-member-leader" />
              {t('teams.members.asLeader')}
            </label>
            <button type="submit" className="button primary" disabled={!chosen || adding.loading} data-testid="team-member-add">
              {t('teams.members.add')}
            </button>
          </form>
        </OperateOnly>
      )}
    </section>
  );
}
