import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly } from '../../../app/session/menu-access';
import { ListStatus } from '../../../components/paged-list/list-status';
import type { SyncTeamAccountsMutation, TeamRowFragment } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { SyncReport } from '../components/sync-report';
import { TeamDeleteDialog } from '../components/team-delete-dialog';
import { TeamDialog } from '../components/team-dialog';
import { TeamMembersPanel } from '../components/team-members-panel';
import { SyncTeamAccountsMutation as SyncMutation, TeamsQuery } from '../graphql/teams-documents';
import './teams-page.css';

type Dialog = { kind: 'edit'; team: TeamRowFragment | null } | { kind: 'delete'; team: TeamRowFragment };

/**
 * `/dispatch/teams` (menu `dispatch.teams`): installation teams (装维组) and their members, and the
 * account sync from the external maintenance system. Dispatchers see; administrators change.
 */
export function TeamsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.dispatch.teams'));
  const searchId = useId();
  const inactiveId = useId();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [syncResult, setSyncResult] = useState<SyncTeamAccountsMutation['syncTeamAccounts'] | null>(null);
  const teams = useQuery(TeamsQuery, { variables: { filter: { organisationId: areaId, search: deferredSearch.trim() || null, includeInactive } }, fetchPolicy: 'cache-and-network' });
  const [sync, syncing] = useMutation(SyncMutation);
  const list = teams.data?.teams ?? teams.previousData?.teams ?? [];
  const selected = list.find((team) => team.id === selectedId) ?? null;
  const refetch = () => void teams.refetch().catch(() => undefined);

  const runSync = async () => {
    setNotice(null);
    try {
      const result = (await sync()).data?.syncTeamAccounts ?? null;
      setSyncResult(result);
      if (result?.ok) refetch();
    } catch (e) {
      setSyncResult({ ok: false, error: { code: 'unknown', message: (e as Error).message }, at: null, applied: [], refused: [] });
    }
  };

  return (
    <div className="page teams-page">
      <div className="page-header">
        <h1>{t('menu.dispatch.teams')}</h1>
        {teams.data && (
          <span className="badge" data-testid="teams-count">
            {t('teams.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('teams.intro')}</p>
      <div className="toolbar" role="search" aria-label={t('teams.filterLabel')}>
        <OrganisationSelect value={areaId} onChange={setAreaId} label={t('teams.area')} testId="teams-area" emptyLabel={t('teams.allAreas')} />
        <div className="toolbar-field">
          <label htmlFor={searchId}>{t('teams.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="teams-search" />
        </div>
        <label className="checkbox" htmlFor={inactiveId}>
          <input id={inactiveId} type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          {t('teams.includeInactive')}
        </label>
        <div className="toolbar-actions">
          <OperateOnly>
            <button type="button" className="button" onClick={() => void runSync()} disabled={syncing.loading} data-testid="teams-sync">
              {syncing.loading ? t('teams.sync.running') : t('teams.sync.run')}
            </button>
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', team: null })} data-testid="team-new">
              {t('teams.new')}
            </button>
          </OperateOnly>
        </div>
      </div>
      {notice && (
        <p className="notice ok" role="status" data-testid="teams-notice">
          {notice}
        </p>
      )}
      {syncResult && <SyncReport result={syncResult} onClose={() => setSyncResult(null)} />}
      <div className="teams-workspace">
        <div>
          <ListStatus loading={teams.loading && !teams.data} error={teams.error} empty={!!teams.data && list.length === 0} onRetry={refetch} />
          {list.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="teams-table">
                <thead>
                  <tr>
                    <th scope="col">{t('teams.code')}</th>
                    <th scope="col">{t('teams.name')}</th>
                    <th scope="col">{t('teams.area')}</th>
                    <th scope="col">{t('teams.leader')}</th>
                    <th scope="col">{t('teams.memberCount')}</th>
                    <th scope="col">{t('teams.syncedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((team) => (
                    <tr key={team.id} className={team.id === selectedId ? 'selected' : undefined} aria-selected={team.id === selectedId} data-testid="team-row" data-team-code={team.code}>
                      <td className="mono">
                        <button type="button" className="button link" onClick={() => setSelectedId(team.id)} data-testid="team-open">
                          {team.code}
                        </button>
                      </td>
                      <td className="team-name-cell">
                        {localName(team)}
                        {!team.active && <span className="badge danger">{t('teams.inactive')}</span>}
                      </td>
                      <td>{localName(team.organisation)}</td>
                      <td>{team.leader ? `${team.leader.staffNo} ${team.leader.name}` : '—'}</td>
                      <td data-testid="team-member-count">{team.members.length}</td>
                      <td>{team.syncedAt ? formatDateTime(team.syncedAt, { seconds: false }) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {selected ? (
          <TeamMembersPanel
            key={selected.id}
            team={selected}
            onChanged={() => refetch()}
            onRename={() => setDialog({ kind: 'edit', team: selected })}
            onDelete={() => setDialog({ kind: 'delete', team: selected })}
          />
        ) : (
          list.length > 0 && <p className="muted team-panel-hint">{t('teams.pickTeam')}</p>
        )}
      </div>
      {dialog?.kind === 'edit' && (
        <TeamDialog
          team={dialog.team}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setSelectedId(saved.id);
            setNotice(t('teams.saved', { team: `${saved.code} ${localName(saved)}` }));
            refetch();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <TeamDeleteDialog
          team={dialog.team}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            const team = dialog.team;
            setDialog(null);
            if (selectedId === team.id) setSelectedId(null);
            setNotice(t('teams.deleted', { team: `${team.code} ${localName(team)}` }));
            refetch();
          }}
        />
      )}
    </div>
  );
}
