import { Handle, type NodeProps, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/local-name';
import type { StepNode } from '../graph-mapping';

/** A step on the editor's canvas: name, code and kind, with its validation messages and diff mark. */
export function StepNodeView({ data }: NodeProps<StepNode>) {
  const { t } = useTranslation();
  const { step, problems } = data;
  const diff = typeof data.diff === 'string' ? data.diff : null;
  return (
    <div className="editor-step-body" data-testid="editor-step" data-step-code={step.code} data-problems={problems.length} data-diff={diff ?? ''}>
      <Handle type="target" position={Position.Top} />
      <div className="editor-step-name">{localName(step) || step.code}</div>
      <div className="editor-step-meta">
        <span className="mono">{step.code}</span> · {t(`workflowEditor.kinds.${step.kind}`)}
        {step.joinAll && <> · {t('workflowEditor.joinShort')}</>}
      </div>
      {diff && <span className={`editor-step-diff is-${diff}`}>{t(`workflowEditor.diff.mark.${diff}`)}</span>}
      {problems.length > 0 && (
        <ul className="editor-step-problems" data-testid="editor-step-problems">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Bottom} />
      {/* Exception transitions leave and enter on the right, so that they loop beside the chain instead of over it. */}
      <Handle type="source" id="exception-out" position={Position.Right} className="exception-handle is-out" />
      <Handle type="target" id="exception-in" position={Position.Right} className="exception-handle is-in" />
    </div>
  );
}
