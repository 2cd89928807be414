import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { Background, type Connection, Controls, type EdgeChange, type NodeChange, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type ChangeEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveWorkflowTemplateOutcomeFragment, WorkflowTemplateDiffQuery, WorkflowTemplateVersionRowFragment } from '../../../generated/graphql';
import { ListStatus } from '../../../components/paged-list/list-status';
import { formatDateTime } from '../../../lib/format-date-time';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { QueryPositionChoicesQuery, WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { StepNodeView } from '../components/step-node';
import { StepPanel } from '../components/step-panel';
import { laneWidth, placed, toInput } from '../editor-graph';
import { type EditorGraph, type EditorTransition, type StepNode, type TransitionEdge, edgeId, freshStepCode, graphToFlow, removeSteps } from '../graph-mapping';
import {
  EditorExceptionTypesQuery,
  ExportWorkflowTemplateQuery,
  ImportWorkflowTemplateMutation,
  SaveWorkflowTemplateVersionMutation,
  ValidateWorkflowTemplateQuery,
  WorkflowTemplateDiffQuery as DiffQuery,
  WorkflowTemplateGraphQuery as GraphQuery,
  WorkflowTemplatesQuery,
} from '../graphql/workflow-editor-documents';
import { type GraphProblem, problemText, problemTextsByStep } from '../problem-text';
import './workflow-editor-page.css';

const nodeTypes = { step: StepNodeView };
type Diff = WorkflowTemplateDiffQuery['workflowTemplateDiff'];
type Notice = { ok: boolean; text: string };

/**
 * `/config/workflows` (menu `config.workflows`): the engine's workflow templates as graphs. A
 * template is edited on the canvas and in the side panel, validated (problems shown on their steps)
 * and saved as a NEW version: running orders keep theirs. Versions can be compared, exported and imported.
 */
export function WorkflowEditorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.workflows'));
  const client = useApolloClient();
  const ids = useId();
  const templates = useQuery(WorkflowTemplatesQuery, { fetchPolicy: 'cache-and-network' });
  const types = useQuery(WorkOrderTypesQuery);
  const positions = useQuery(QueryPositionChoicesQuery);
  // Exception edges name a configured type; the manual exception parks a work order and has no edge.
  const exceptionTypes = (useQuery(EditorExceptionTypesQuery).data?.exceptionTypes ?? []).filter((type) => !type.manual);
  const [code, setCode] = useState<string | null>(null);
  const [versionId, setVersionId] = useState<string | null>(null);
  const [graph, setGraph] = useState<EditorGraph | null>(null);
  const [dirty, setDirty] = useState(false);
  const [canvasKey, setCanvasKey] = useState(0);
  /** The version the canvas shows (the pickers change first; the graph follows when loaded). */
  const [shown, setShown] = useState<{ id: string; version: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [problems, setProblems] = useState<GraphProblem[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [compareId, setCompareId] = useState('');
  const [diff, setDiff] = useState<{ diff: Diff; from: number; to: number } | null>(null);
  const [saveProblems] = useMutation(SaveWorkflowTemplateVersionMutation);
  const [importJson] = useMutation(ImportWorkflowTemplateMutation);

  const versions = templates.data?.workflowTemplates ?? templates.previousData?.workflowTemplates ?? [];
  const codes = [...new Map(versions.map((version) => [version.code, version])).values()];
  const ofCode = versions.filter((version) => version.code === code);
  const current = versions.find((version) => version.id === versionId) ?? null;

  // First visit: the first template, newest version.
  useEffect(() => {
    if (!code && versions[0]) {
      setCode(versions[0].code);
      setVersionId(versions[0].id);
    }
  }, [code, versions]);

  const loaded = useQuery(GraphQuery, { variables: { id: versionId ?? '' }, skip: !versionId, fetchPolicy: 'network-only' });
  useEffect(() => {
    const data = loaded.data?.workflowTemplateGraph;
    if (!data || data.id !== versionId) return;
    setGraph(placed(data));
    setShown({ id: data.id, version: data.version });
    // A new canvas for each version loaded: it fits the graph in view again.
    setCanvasKey((key) => key + 1);
    setDirty(false);
    setSelected(null);
    setProblems(null);
    setDiff(null);
    setCompareId('');
  }, [loaded.data, versionId]);

  const edit = (next: EditorGraph) => {
    setGraph(next);
    setDirty(true);
  };
  const translated = useMemo(() => problemTextsByStep(t, problems ?? [], graph), [t, problems, graph]);

  const { nodes, edges } = useMemo(() => {
    if (!graph) return { nodes: [] as StepNode[], edges: [] as TransitionEdge[] };
    const flow = graphToFlow(graph, translated);
    const added = new Set(diff?.diff.stepsAdded ?? []);
    const changed = new Set(diff?.diff.stepsChanged.map((change) => change.code) ?? []);
    const addedEdges = new Set((diff?.diff.transitionsAdded ?? []).map((transition) => edgeId({ ...transition, exceptionType: transition.exceptionType ?? null })));
    return {
      nodes: flow.nodes.map((node) => {
        const mark = added.has(node.id) ? 'added' : changed.has(node.id) ? 'changed' : null;
        return {
          ...node,
          selected: node.id === selected,
          className: `${node.className ?? ''}${mark ? ` diff-${mark}` : ''}${node.id === selected ? ' is-selected' : ''}`,
          data: { ...node.data, diff: mark },
          sourcePosition: Position.Bottom,
          targetPosition: Position.Top,
          ariaLabel: `${node.id}: ${localName(node.data.step)}${node.data.problems.length ? ` (${node.data.problems.join('; ')})` : ''}`,
        };
      }),
      edges: flow.edges.map((edge) => ({
        ...edge,
        // Exception transitions loop out on the right, clear of the steps, with their type as the label.
        ...(edge.data?.transition.kind === 'EXCEPTION'
          ? { sourceHandle: 'exception-out', targetHandle: 'exception-in', type: 'smoothstep', pathOptions: { offset: 45, borderRadius: 8 }, labelBgPadding: [4, 2] as [number, number] }
          : {}),
        ...(addedEdges.has(edge.id) ? { className: `${edge.className ?? ''} diff-added` } : {}),
      })),
    };
  }, [graph, translated, diff, selected]);

  // xyflow reports a deletion as node changes then edge changes in one go: each applies to the graph as
  // the previous one left it (functional updates), or the second would bring the deleted step back.
  const onNodesChange = (changes: NodeChange<StepNode>[]) => {
    for (const change of changes) if (change.type === 'select' && change.selected) setSelected(change.id);
    const removed = new Set(changes.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
    const moves = changes.flatMap((change) => (change.type === 'position' && change.position ? [{ id: change.id, ...change.position }] : []));
    if (!removed.size && !moves.length) return;
    setGraph((current) => {
      if (!current) return current;
      const next = moves.length
        ? { ...current, steps: current.steps.map((step) => { const move = moves.find((m) => m.id === step.code); return move ? { ...step, x: Math.round(move.x), y: Math.round(move.y) } : step; }) }
        : current;
      return removed.size ? removeSteps(next, removed) : next;
    });
    if (removed.size) {
      setDirty(true);
      setSelected((code) => (code && removed.has(code) ? null : code));
    }
  };
  const onEdgesChange = (changes: EdgeChange<TransitionEdge>[]) => {
    const removed = new Set(changes.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
    if (!removed.size) return;
    setGraph((current) => current && { ...current, transitions: current.transitions.filter((transition) => !removed.has(edgeId(transition))) });
    setDirty(true);
  };
  const onConnect = (connection: Connection) => {
    if (!graph || !connection.source || !connection.target || connection.source === connection.target) return;
    // From the right-hand handle: an exception transition (its type can be changed in the side panel).
    const exception = connection.sourceHandle === 'exception-out';
    const transition: EditorTransition = { from: connection.source, to: connection.target, kind: exception ? 'EXCEPTION' : 'NORMAL', exceptionType: exception ? (exceptionTypes[0]?.code ?? null) : null };
    if (graph.transitions.some((existing) => edgeId(existing) === edgeId(transition))) return;
    edit({ ...graph, transitions: [...graph.transitions, transition] });
  };

  const addStep = () => {
    if (!graph) return;
    const stepCode = freshStepCode(graph);
    // Right of the widest level (and of the exception loops), halfway down: in view, clear of the other steps.
    const right = Math.max(0, ...graph.steps.map((step) => step.x ?? 0)) + laneWidth + 60;
    const middle = Math.round(Math.max(0, ...graph.steps.map((step) => step.y ?? 0)) / 2);
    edit({ ...graph, steps: [...graph.steps, { code: stepCode, name: '新步骤', nameEn: 'New step', kind: 'MANUAL', workOrderTypeCode: null, joinAll: false, x: right, y: middle }] });
    setSelected(stepCode);
  };

  const errorText = (error: unknown) => t('workflowEditor.failed', { reason: error instanceof Error ? error.message : String(error) });

  const validate = async () => {
    if (!graph) return;
    setBusy(true);
    try {
      const { data } = await client.query({ query: ValidateWorkflowTemplateQuery, variables: { input: toInput(graph) }, fetchPolicy: 'no-cache' });
      const found = data?.validateWorkflowTemplate ?? [];
      setProblems(found);
      setNotice(found.length ? { ok: false, text: t('workflowEditor.invalid', { count: found.length }) } : { ok: true, text: t('workflowEditor.valid') });
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  /** After a save or an import: the list again, and the new version opened. */
  const saved = async (outcome: SaveWorkflowTemplateOutcomeFragment | undefined, message: 'saved' | 'imported') => {
    if (!outcome?.ok || !outcome.template) {
      setProblems(outcome?.problems ?? []);
      setNotice({ ok: false, text: t('workflowEditor.notSaved', { count: outcome?.problems.length ?? 0 }) });
      return;
    }
    const template = outcome.template;
    await templates.refetch();
    setCode(template.code);
    setVersionId(template.id);
    setNotice({ ok: true, text: t(`workflowEditor.${message}`, { code: template.code, version: template.version }) });
  };

  const save = async () => {
    if (!graph) return;
    setBusy(true);
    try {
      const result = await saveProblems({ variables: { input: toInput(graph) } });
      await saved(result.data?.saveWorkflowTemplateVersion, 'saved');
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const exportFile = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const { data } = await client.query({ query: ExportWorkflowTemplateQuery, variables: { id: current.id }, fetchPolicy: 'no-cache' });
      const url = URL.createObjectURL(new Blob([data?.exportWorkflowTemplate ?? ''], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${current.code}-v${current.version}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const result = await importJson({ variables: { json: await file.text() } });
      await saved(result.data?.importWorkflowTemplate, 'imported');
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const compare = async () => {
    const from = versions.find((version) => version.id === compareId);
    if (!from || !current) return;
    setBusy(true);
    try {
      const { data } = await client.query({ query: DiffQuery, variables: { fromId: from.id, toId: current.id }, fetchPolicy: 'no-cache' });
      if (data) setDiff({ diff: data.workflowTemplateDiff, from: from.version, to: current.version });
    } catch (error) {
      setNotice({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const versionLabel = (version: WorkflowTemplateVersionRowFragment) =>
    t('workflowEditor.versionOption', {
      version: version.version,
      state: version.active ? t('workflowEditor.active') : t('workflowEditor.inactive'),
      orders: version.orderCount,
      date: formatDateTime(version.createdAt),
    });
  const templateWide = translated.get('') ?? [];
  const transitionText = (transition: { from: string; to: string; kind: string; exceptionType?: string | null }) =>
    `${transition.from} → ${transition.to}${transition.kind === 'EXCEPTION' ? ` (${transition.exceptionType ?? '?'})` : ''}`;

  return (
    <div className="page workflow-editor-page">
      <div className="page-header">
        <h1>{t('menu.config.workflows')}</h1>
        {current && (
          <span className="badge" data-testid="editor-version-badge" data-version={current.version}>
            {current.code} v{current.version}
          </span>
        )}
        {dirty && (
          <span className="badge editor-dirty" data-testid="editor-dirty">
            {t('workflowEditor.unsaved')}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('workflowEditor.intro')}</p>
      <div className="toolbar" role="group" aria-label={t('workflowEditor.pickLabel')}>
        <div className="toolbar-field">
          <label htmlFor={`${ids}-template`}>{t('workflowEditor.template')}</label>
          <select
            id={`${ids}-template`}
            value={code ?? ''}
            onChange={(e) => {
              setCode(e.target.value);
              setVersionId(versions.find((version) => version.code === e.target.value)?.id ?? null);
            }}
            data-testid="editor-template"
          >
            {codes.map((version) => (
              <option key={version.code} value={version.code}>
                {localName(version)} ({version.code})
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${ids}-version`}>{t('workflowEditor.version')}</label>
          <select id={`${ids}-version`} value={versionId ?? ''} onChange={(e) => setVersionId(e.target.value)} data-testid="editor-version">
            {ofCode.map((version) => (
              <option key={version.id} value={version.id}>
                {versionLabel(version)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-actions">
          <button type="button" className="button" onClick={addStep} disabled={!graph} data-testid="editor-add-step">
            {t('workflowEditor.addStep')}
          </button>
          <button type="button" className="button" onClick={() => void validate()} disabled={!graph || busy} data-testid="editor-validate">
            {t('workflowEditor.validate')}
          </button>
          <OperateOnly>
            <button type="button" className="button primary" onClick={() => void save()} disabled={!graph || busy} data-testid="editor-save">
              {t('workflowEditor.saveVersion')}
            </button>
          </OperateOnly>
          <button type="button" className="button" onClick={() => void exportFile()} disabled={!current || busy} data-testid="editor-export">
            {t('workflowEditor.export')}
          </button>
          <span className="editor-file">
            <input id={`${ids}-import`} type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void importFile(e)} disabled={busy} data-testid="editor-import" />
            <label htmlFor={`${ids}-import`} className="button">
              {t('workflowEditor.import')}
            </label>
          </span>
        </div>
      </div>
      <div aria-live="polite" data-testid="editor-notice-region">
        {notice && (
          <p className={`notice${notice.ok ? ' ok' : ' editor-error'}`} role={notice.ok ? 'status' : 'alert'} data-testid="editor-notice" data-ok={notice.ok}>
            {notice.text}
          </p>
        )}
      </div>
      <ListStatus loading={templates.loading && !templates.data} error={templates.error ?? loaded.error} empty={!!templates.data && versions.length === 0} onRetry={() => void templates.refetch().catch(() => undefined)} />
      {graph && (
        <div className="editor-workspace">
          <div className="editor-main">
            <div className="editor-canvas" data-testid="editor-canvas" data-code={graph.code} data-version={shown?.version}>
              <ReactFlow
                key={canvasKey}
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                onNodeClick={(_e, node) => setSelected(node.id)}
                onPaneClick={() => setSelected(null)}
                deleteKeyCode={['Delete', 'Backspace']}
                fitView
                fitViewOptions={{ maxZoom: 1 }}
                minZoom={0.3}
                proOptions={{ hideAttribution: true }}
                ariaLabelConfig={{
                  'node.a11yDescription.default': t('workflowEditor.canvasHelp'),
                  'edge.a11yDescription.default': t('workflowEditor.edgeHelp'),
                  'controls.ariaLabel': t('workflowEditor.controls.label'),
                  'controls.zoomIn.ariaLabel': t('workflowEditor.controls.zoomIn'),
                  'controls.zoomOut.ariaLabel': t('workflowEditor.controls.zoomOut'),
                  'controls.fitView.ariaLabel': t('workflowEditor.controls.fitView'),
                }}
              >
                <Background gap={16} />
                <Controls showInteractive={false} />
              </ReactFlow>
            </div>
            <div className="flow-legend editor-legend" aria-hidden="true">
              <span className="legend is-problem">{t('workflowEditor.legend.problem')}</span>
              <span className="legend is-exception">{t('workflowEditor.legend.exception')}</span>
              {diff && <span className="legend is-added">{t('workflowEditor.diff.mark.added')}</span>}
              {diff && <span className="legend is-changed">{t('workflowEditor.diff.mark.changed')}</span>}
            </div>
            {problems && (
              <section className="editor-problems" aria-labelledby={`${ids}-problems`} data-testid="editor-problems">
                <h2 id={`${ids}-problems`}>{t('workflowEditor.problemsTitle', { count: problems.length })}</h2>
                {problems.length === 0 ? (
                  <p className="muted">{t('workflowEditor.valid')}</p>
                ) : (
                  <ul>
                    {problems.map((problem, i) => (
                      <li key={i} data-testid="editor-problem" data-code={problem.code} data-step={problem.stepCode ?? ''}>
                        {problem.stepCode ? (
                          <button type="button" className="button link" onClick={() => setSelected(problem.stepCode)}>
                            {problem.stepCode}
                          </button>
                        ) : (
                          <strong>{t('workflowEditor.wholeTemplate')}</strong>
                        )}
                        : {problemText(t, problem, graph)}
                      </li>
                    ))}
                  </ul>
                )}
                {templateWide.length > 0 && <p className="visually-hidden">{templateWide.join(' ')}</p>}
              </section>
            )}
            <section className="editor-diff" aria-labelledby={`${ids}-diff`} data-testid="editor-diff">
              <h2 id={`${ids}-diff`}>{t('workflowEditor.diff.title')}</h2>
              <div className="toolbar">
                <div className="toolbar-field">
                  <label htmlFor={`${ids}-compare`}>{t('workflowEditor.diff.compareWith')}</label>
                  <select id={`${ids}-compare`} value={compareId} onChange={(e) => setCompareId(e.target.value)} data-testid="editor-compare">
                    <option value="">{t('workflowEditor.diff.pick')}</option>
                    {ofCode
                      .filter((version) => version.id !== versionId)
                      .map((version) => (
                        <option key={version.id} value={version.id}>
                          {versionLabel(version)}
                        </option>
                      ))}
                  </select>
                </div>
                <button type="button" className="button" onClick={() => void compare()} disabled={!compareId || busy} data-testid="editor-compare-run">
                  {t('workflowEditor.diff.run')}
                </button>
                {diff && (
                  <button type="button" className="button link" onClick={() => setDiff(null)}>
                    {t('workflowEditor.diff.clear')}
                  </button>
                )}
              </div>
              {ofCode.length < 2 && <p className="muted">{t('workflowEditor.diff.onlyOne')}</p>}
              {diff && <DiffList diff={diff.diff} from={diff.from} to={diff.to} transitionText={transitionText} />}
            </section>
          </div>
          <StepPanel
            graph={graph}
            selected={selected}
            workOrderTypes={types.data?.workOrderTypes ?? []}
            positions={positions.data?.positions ?? []}
            exceptionTypes={exceptionTypes}
            onChange={edit}
            onSelect={setSelected}
            problems={selected ? (translated.get(selected) ?? []) : templateWide}
          />
        </div>
      )}
    </div>
  );
}

function DiffList({ diff, from, to, transitionText }: { diff: Diff; from: number; to: number; transitionText: (transition: Diff['transitionsAdded'][number]) => string }) {
  const { t } = useTranslation();
  const empty = !diff.stepsAdded.length && !diff.stepsRemoved.length && !diff.stepsChanged.length && !diff.transitionsAdded.length && !diff.transitionsRemoved.length;
  if (empty) return <p data-testid="editor-diff-list">{t('workflowEditor.diff.none', { from, to })}</p>;
  const rows: [string, string[]][] = [
    ['stepsAdded', diff.stepsAdded],
    ['stepsRemoved', diff.stepsRemoved],
    ['stepsChanged', diff.stepsChanged.map((change) => `${change.code} (${change.fields.map((field) => t(`workflowEditor.fields.${field}`, { defaultValue: field })).join(', ')})`)],
    ['transitionsAdded', diff.transitionsAdded.map(transitionText)],
    ['transitionsRemoved', diff.transitionsRemoved.map(transitionText)],
  ];
  return (
    <div data-testid="editor-diff-list">
      <p className="muted">{t('workflowEditor.diff.between', { from, to })}</p>
      <dl className="editor-diff-list">
        {rows
          .filter(([, items]) => items.length > 0)
          .map(([key, items]) => (
            <div key={key} data-testid={`editor-diff-${key}`}>
              <dt>{t(`workflowEditor.diff.${key}`)}</dt>
              <dd>{items.join('; ')}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
