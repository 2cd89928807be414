import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/local-name';
import { type EditorGraph, type EditorStep, type EditorTransition, editorStepKinds, edgeId, removeSteps, renameStep } from '../graph-mapping';

const CODE = /^[A-Z0-9_]+$/;

interface Props {
  graph: EditorGraph;
  selected: string | null;
  workOrderTypes: readonly { code: string; name: string; nameEn: string }[];
  /** Work-order handling positions a step handled by people can be fixed to. */
  positions: readonly { code: string; name: string; nameEn: string }[];
  /** Configured exception types an exception edge may name (the first is the default of a new edge). */
  exceptionTypes: readonly { code: string; name: string; nameEn: string }[];
  onChange: (graph: EditorGraph) => void;
  onSelect: (code: string | null) => void;
  /** Validation messages of the selected step. */
  problems: readonly string[];
}

/**
 * The side panel: the selected step's properties and its outgoing transitions (a keyboard way to do
 * what dragging on the canvas does), or the template's names when no step is selected.
 */
export function StepPanel({ graph, selected, workOrderTypes, positions, exceptionTypes, onChange, onSelect, problems }: Props) {
  const { t } = useTranslation();
  const pickId = useId();
  const step = graph.steps.find((candidate) => candidate.code === selected) ?? null;

  return (
    <aside className="editor-panel" aria-labelledby={`${pickId}-title`} data-testid="editor-panel">
      <h2 id={`${pickId}-title`}>{step ? t('workflowEditor.panel.stepTitle', { code: step.code }) : t('workflowEditor.panel.templateTitle')}</h2>
      <div className="editor-field">
        <label htmlFor={pickId}>{t('workflowEditor.panel.pickStep')}</label>
        <select id={pickId} value={selected ?? ''} onChange={(e) => onSelect(e.target.value || null)} data-testid="editor-step-select">
          <option value="">{t('workflowEditor.panel.noStepOption')}</option>
          {graph.steps.map((candidate) => (
            <option key={candidate.code} value={candidate.code}>
              {candidate.code} · {localName(candidate)}
            </option>
          ))}
        </select>
      </div>
      {step ? (
        <StepForm key={step.code} graph={graph} step={step} workOrderTypes={workOrderTypes} positions={positions} exceptionTypes={exceptionTypes} onChange={onChange} onSelect={onSelect} problems={problems} />
      ) : (
        <TemplateForm graph={graph} onChange={onChange} />
      )}
    </aside>
  );
}

function TemplateForm({ graph, onChange }: Pick<Props, 'graph' | 'onChange'>) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="editor-form" data-testid="editor-template-form">
      <p className="muted">{t('workflowEditor.panel.noStep')}</p>
      <div className="editor-field">
        <label htmlFor={`${id}-code`}>{t('workflowEditor.panel.templateCode')}</label>
        <input id={`${id}-code`} value={graph.code} readOnly className="mono" />
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-name`}>{t('workflowEditor.panel.name')}</label>
        <input id={`${id}-name`} value={graph.name} onChange={(e) => onChange({ ...graph, name: e.target.value })} data-testid="editor-template-name" />
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-name-en`}>{t('workflowEditor.panel.nameEn')}</label>
        <input id={`${id}-name-en`} value={graph.nameEn} onChange={(e) => onChange({ ...graph, nameEn: e.target.value })} data-testid="editor-template-name-en" />
      </div>
    </div>
  );
}

function StepForm({ graph, step, workOrderTypes, positions, exceptionTypes, onChange, onSelect, problems }: Omit<Props, 'selected'> & { step: EditorStep }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState(step.code);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  useEffect(() => setCode(step.code), [step.code]);

  const update = (patch: Partial<EditorStep>) => onChange({ ...graph, steps: graph.steps.map((candidate) => (candidate.code === step.code ? { ...candidate, ...patch } : candidate)) });
  /** The code is committed on leaving the field (or Enter): it renames the step everywhere. */
  const commitCode = () => {
    const next = code.trim().toUpperCase();
    if (next === step.code) return setCodeError(null);
    if (!CODE.test(next)) return setCodeError(t('workflowEditor.panel.codeInvalid'));
    if (graph.steps.some((candidate) => candidate.code === next)) return setCodeError(t('workflowEditor.panel.codeTaken'));
    setCodeError(null);
    onChange(renameStep(graph, step.code, next));
    onSelect(next);
  };
  const outgoing = graph.transitions.map((transition, index) => ({ transition, index })).filter(({ transition }) => transition.from === step.code);
  const updateTransition = (index: number, patch: Partial<EditorTransition>) =>
    onChange({ ...graph, transitions: graph.transitions.map((transition, i) => (i === index ? { ...transition, ...patch } : transition)) });
  const addTransition = () => {
    if (!target) return;
    const transition: EditorTransition = { from: step.code, to: target, kind: 'NORMAL', exceptionType: null };
    if (graph.transitions.some((existing) => edgeId(existing) === edgeId(transition))) return;
    onChange({ ...graph, transitions: [...graph.transitions, transition] });
    setTarget('');
  };

  return (
    <div className="editor-form" data-testid="editor-step-form">
      {problems.length > 0 && (
        <ul className="form-error editor-panel-problems" data-testid="editor-panel-problems">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <div className="editor-field">
        <label htmlFor={`${id}-code`}>{t('workflowEditor.panel.code')}</label>
        <input
          id={`${id}-code`}
          className="mono"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onBlur={commitCode}
          onKeyDown={(e) => e.key === 'Enter' && commitCode()}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? `${id}-code-error` : undefined}
          data-testid="editor-step-code"
        />
        {codeError && (
          <span id={`${id}-code-error`} className="form-error" role="alert">
            {codeError}
          </span>
        )}
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-name`}>{t('workflowEditor.panel.name')}</label>
        <input id={`${id}-name`} value={step.name} onChange={(e) => update({ name: e.target.value })} data-testid="editor-step-name" />
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-name-en`}>{t('workflowEditor.panel.nameEn')}</label>
        <input id={`${id}-name-en`} value={step.nameEn} onChange={(e) => update({ nameEn: e.target.value })} data-testid="editor-step-name-en" />
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-kind`}>{t('workflowEditor.panel.kind')}</label>
        <select id={`${id}-kind`} value={step.kind} onChange={(e) => update({ kind: e.target.value as EditorStep['kind'] })} data-testid="editor-step-kind">
          {editorStepKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`workflowEditor.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-type`}>{t('workflowEditor.panel.workOrderType')}</label>
        <select id={`${id}-type`} value={step.workOrderTypeCode ?? ''} onChange={(e) => update({ workOrderTypeCode: e.target.value || null })} data-testid="editor-step-type">
          <option value="">{t('workflowEditor.panel.noType')}</option>
          {workOrderTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {localName(type)} ({type.code})
            </option>
          ))}
          {step.workOrderTypeCode && !workOrderTypes.some((type) => type.code === step.workOrderTypeCode) && <option value={step.workOrderTypeCode}>{step.workOrderTypeCode}</option>}
        </select>
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-limit`}>{t('workflowEditor.panel.timeLimitType')}</label>
        <select id={`${id}-limit`} value={step.timeLimitTypeCode ?? ''} onChange={(e) => update({ timeLimitTypeCode: e.target.value || null })} data-testid="editor-step-time-limit">
          <option value="">{t('workflowEditor.panel.ownTimeLimit')}</option>
          {workOrderTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {localName(type)} ({type.code})
            </option>
          ))}
          {step.timeLimitTypeCode && !workOrderTypes.some((type) => type.code === step.timeLimitTypeCode) && <option value={step.timeLimitTypeCode}>{step.timeLimitTypeCode}</option>}
        </select>
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-position`}>{t('workflowEditor.panel.position')}</label>
        <select id={`${id}-position`} value={step.positionCode ?? ''} onChange={(e) => update({ positionCode: e.target.value || null })} data-testid="editor-step-position">
          <option value="">{t('workflowEditor.panel.byDispatchRules')}</option>
          {positions.map((position) => (
            <option key={position.code} value={position.code}>
              {localName(position)} ({position.code})
            </option>
          ))}
          {step.positionCode && !positions.some((position) => position.code === step.positionCode) && <option value={step.positionCode}>{step.positionCode}</option>}
        </select>
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-handler-from`}>{t('workflowEditor.panel.handlerFromStep')}</label>
        <select id={`${id}-handler-from`} value={step.handlerFromStep ?? ''} onChange={(e) => update({ handlerFromStep: e.target.value || null })} data-testid="editor-step-handler-from">
          <option value="">{t('workflowEditor.panel.noHandlerFromStep')}</option>
          {graph.steps
            .filter((candidate) => candidate.code !== step.code && ['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL'].includes(candidate.kind))
            .map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {localName(candidate)} ({candidate.code})
              </option>
            ))}
          {step.handlerFromStep && !graph.steps.some((candidate) => candidate.code === step.handlerFromStep) && <option value={step.handlerFromStep}>{step.handlerFromStep}</option>}
        </select>
      </div>
      <div className="editor-check">
        <input id={`${id}-join`} type="checkbox" checked={step.joinAll} onChange={(e) => update({ joinAll: e.target.checked })} data-testid="editor-step-join" />
        <label htmlFor={`${id}-join`}>{t('workflowEditor.panel.joinAll')}</label>
      </div>

      <fieldset className="editor-transitions">
        <legend>{t('workflowEditor.panel.transitions')}</legend>
        {outgoing.length === 0 && <p className="muted">{t('workflowEditor.panel.noTransitions')}</p>}
        <ul>
          {outgoing.map(({ transition, index }) => (
            <li key={`${index}-${edgeId(transition)}`} data-testid="editor-transition" data-to={transition.to}>
              <span className="editor-transition-target">→ {transition.to}</span>
              <label className="visually-hidden" htmlFor={`${id}-t${index}-kind`}>
                {t('workflowEditor.panel.transitionKind', { to: transition.to })}
              </label>
              <select
                id={`${id}-t${index}-kind`}
                value={transition.kind}
                onChange={(e) => {
                  const kind = e.target.value as EditorTransition['kind'];
                  updateTransition(index, { kind, exceptionType: kind === 'EXCEPTION' ? (transition.exceptionType ?? exceptionTypes[0]?.code ?? null) : null });
                }}
                data-testid="editor-transition-kind"
              >
                <option value="NORMAL">{t('workflowEditor.transitionKinds.NORMAL')}</option>
                <option value="EXCEPTION">{t('workflowEditor.transitionKinds.EXCEPTION')}</option>
              </select>
              {transition.kind === 'EXCEPTION' && (
                <>
                  <label className="visually-hidden" htmlFor={`${id}-t${index}-type`}>
                    {t('workflowEditor.panel.exceptionType', { to: transition.to })}
                  </label>
                  <input
                    id={`${id}-t${index}-type`}
                    className="mono editor-exception-type"
                    list={`${id}-exception-types`}
                    value={transition.exceptionType ?? ''}
                    onChange={(e) => updateTransition(index, { exceptionType: e.target.value.toUpperCase() || null })}
                    data-testid="editor-transition-exception"
                  />
                </>
              )}
              <button
                type="button"
                className="button link"
                onClick={() => onChange({ ...graph, transitions: graph.transitions.filter((_, i) => i !== index) })}
                aria-label={t('workflowEditor.panel.removeTransition', { from: transition.from, to: transition.to })}
                data-testid="editor-transition-remove"
              >
                {t('workflowEditor.panel.remove')}
              </button>
            </li>
          ))}
        </ul>
        <datalist id={`${id}-exception-types`}>
          {exceptionTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {localName(type)}
            </option>
          ))}
        </datalist>
        <div className="editor-add-transition">
          <label htmlFor={`${id}-target`}>{t('workflowEditor.panel.addTransitionTo')}</label>
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)} data-testid="editor-transition-target">
            <option value="">{t('workflowEditor.panel.pickTarget')}</option>
            {graph.steps
              .filter((candidate) => candidate.code !== step.code)
              .map((candidate) => (
                <option key={candidate.code} value={candidate.code}>
                  {candidate.code} · {localName(candidate)}
                </option>
              ))}
          </select>
          <button type="button" className="button" onClick={addTransition} disabled={!target} data-testid="editor-transition-add">
            {t('workflowEditor.panel.addTransition')}
          </button>
        </div>
      </fieldset>

      <div>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            onChange(removeSteps(graph, new Set([step.code])));
            onSelect(null);
          }}
          data-testid="editor-step-remove"
        >
          {t('workflowEditor.panel.removeStep')}
        </button>
      </div>
    </div>
  );
}
