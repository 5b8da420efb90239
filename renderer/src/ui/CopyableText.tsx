import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

type CopyState = 'idle' | 'copied' | 'selected';

/**
 * A value people copy (a hash, an address): monospace, selectable with one click (the whole
 * value, not a word of it), and a Copy button. The clipboard is refused in the desktop app and
 * may be elsewhere; the button then selects the value and says to press Ctrl+C, which always works.
 */
export function CopyableText({ value, label, testId, block }: { value: string; label: string; testId?: string; /** A long text (JSON): a scrolling pre block under the button. */ block?: boolean }) {
  const { t } = useTranslation();
  const textRef = useRef<HTMLElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const selectValue = (): void => {
    const element = textRef.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    selection.selectAllChildren(element);
    setState('selected');
  };

  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      selectValue();
    }
  };

  const valueElement = block ? (
    <pre ref={textRef as RefObject<HTMLPreElement>} className="copyable-block mono" data-testid={testId} tabIndex={0}>
      {value}
    </pre>
  ) : (
    <span ref={textRef as RefObject<HTMLSpanElement>} className="copyable-value mono" data-testid={testId}>
      {value}
    </span>
  );

  const controls = (
    <>
      <button type="button" className="button button-quiet copyable-button" onClick={() => void copy()} aria-label={t('copy.label', { what: label })} title={t('copy.label', { what: label })}>
        {t('copy.button')}
      </button>
      <span className="copyable-status" aria-live="polite">
        {state === 'copied' ? t('copy.copied') : state === 'selected' ? t('copy.selected') : ''}
      </span>
    </>
  );

  if (block) {
    return (
      <div className="copyable-with-block">
        <div className="copyable">{controls}</div>
        {valueElement}
      </div>
    );
  }
  return (
    <span className="copyable">
      {valueElement}
      {controls}
    </span>
  );
}
