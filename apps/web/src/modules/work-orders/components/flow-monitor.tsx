import { Background, type Edge, MarkerType, type Node, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetailQuery } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { layoutFlow } from '../flow-layout';
import { stateLabel } from '../work-order-labels';
import './flow-monitor.css';

type Flow = NonNullable<OrderDetailQuery['order']>['flow'];

/**
 * The flow monitor (流程监控): the order's workflow with each step's state — grey done, green and
 * pulsing in progress, pale not reached. Selecting a step shows its work orders.
 */
export function FlowMonitor({ flow }: { flow: Flow }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [selected, setSelected] = useState<string | null>(null);

  const { nodes, edges } = useMemo(() => {
    const laid = layoutFlow(
      flow.steps.map((s) => s.step.id),
      flow.transitions,
    );
    const nodes: Node[] = laid.map(({ id, column, row }) => {
      const step = flow.steps.find((s) => s.step.id === id)!;
      return {
        id,
        position: { x: column * 180, y: row * 90 },
        data: { label: localName(step.step, lng) },
        className: `flow-step is-${step.state.toLowerCase()}${selected === id ? ' is-selected' : ''}`,
        // Left to right: in on the left, out on the right.
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        draggable: false,
        connectable: false,
        ariaLabel: `${localName(step.step, lng)}: ${t(`flow.state.${step.state}`)}`,
      };
    });
    const edges: Edge[] = flow.transitions.map((tr, i) => ({
      id: `e${i}`,
      source: tr.fromStepId,
      target: tr.toStepId,
      type: tr.exception ? 'default' : 'smoothstep',
      className: tr.exception ? 'flow-edge is-exception' : 'flow-edge',
      markerEnd: { type: MarkerType.ArrowClosed },
      animated: false,
    }));
    return { nodes, edges };
  }, [flow, lng, selected, t]);

  const step = flow.steps.find((s) => s.step.id === selected);
  // Exception edges point back across the chart; they are drawn dashed and named here.
  const nameOf = (id: string) => localName(flow.steps.find((s) => s.step.id === id)?.step, lng);
  const exceptionFlows = flow.transitions
    .filter((tr) => tr.exception)
    .map((tr) => `${nameOf(tr.fromStepId)} → ${nameOf(tr.toStepId)} (${t(`workOrders.exceptionTypes.${tr.exceptionType ?? ''}`, { defaultValue: tr.exceptionType ?? '' })})`);

  return (
    <div className="flow-monitor" data-testid="flow-monitor">
      <div className="flow-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_e, node) => setSelected(node.id)}
          // Keyboard: Tab to a step, Enter selects it.
          onSelectionChange={({ nodes: picked }) => picked[0] && setSelected(picked[0].id)}
          proOptions={{ hideAttribution: true }}
          minZoom={0.3}
        >
          <Background gap={16} />
        </ReactFlow>
      </div>
      <div className="flow-legend" aria-hidden="true">
        <span className="legend is-done">{t('flow.state.DONE')}</span>
        <span className="legend is-in_progress">{t('flow.state.IN_PROGRESS')}</span>
        <span className="legend is-not_reached">{t('flow.state.NOT_REACHED')}</span>
      </div>
      {exceptionFlows.length > 0 && (
        <p className="flow-exceptions muted" data-testid="flow-exceptions">
          {t('flow.exceptionFlows')}: {exceptionFlows.join(lng === 'en' ? '; ' : '；')}
        </p>
      )}
      <div className="flow-step-details" data-testid="flow-step-details" aria-live="polite">
        {!step && <p className="muted">{t('flow.pickStep')}</p>}
        {step && step.workOrders.length === 0 && (
          <p>
            <strong>{localName(step.step, lng)}</strong>: {t('flow.notDispatched')}
          </p>
        )}
        {step && step.workOrders.length > 0 && (
          <table className="detail-table">
            <caption>{localName(step.step, lng)}</caption>
            <thead>
              <tr>
                <th>{t('workOrders.columns.workOrderNo')}</th>
                <th>{t('workOrders.columns.state')}</th>
                <th>{t('workOrders.columns.handler')}</th>
                <th>{t('workOrders.columns.createdAt')}</th>
                <th>{t('workOrders.columns.completedAt')}</th>
                <th>{t('workOrders.columns.result')}</th>
              </tr>
            </thead>
            <tbody>
              {step.workOrders.map((wo) => (
                <tr key={wo.id}>
                  <td className="mono">{wo.workOrderNo}</td>
                  <td>{stateLabel(t, wo.state)}</td>
                  <td>{wo.handler?.name ?? ''}</td>
                  <td className="mono">{formatDateTime(wo.createdAt)}</td>
                  <td className="mono">{formatDateTime(wo.completedAt)}</td>
                  <td>{wo.result ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
