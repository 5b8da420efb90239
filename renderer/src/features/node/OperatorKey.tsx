import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KeyStatus } from '../../../../electron/contract/schemas/node';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { CopyableText } from '../../ui/CopyableText';
import { loadKeyStatus, runKeyAction } from './key-actions';
import { detectKeyMaterial, passphraseProblem, type KeyMaterial, type PassphraseProblem } from './key-material';

/*
 * Operator-key management beside the signer: create or import a key when there is none, unlock
 * it when locked, lock it (and forget a remembered passphrase) when unlocked. Passphrases and key
 * material live only in the DOM fields (uncontrolled inputs): they are read on submit, sent once,
 * and the fields are emptied after each attempt. No store, no React state, no log ever holds them.
 */

type Problem = PassphraseProblem | 'materialEmpty' | 'materialInvalid';

/** What went wrong, kept as a translation key (not text) so that it follows a change of language. */
interface Failure {
  key: string;
  message?: string;
}

/** A failed call, in the words of the form it came from. */
function failureOf(error: unknown): Failure {
  const described = describeError(error);
  switch (described.code) {
    case 'unauthorized':
      return { key: 'node.key.error.wrongPassphrase' };
    case 'conflict':
      return { key: 'node.key.error.exists' };
    case 'unavailable':
      return { key: 'node.key.error.rememberUnavailable' };
    case 'invalid-input':
      return { key: 'node.key.error.invalid', message: described.message };
    default:
      return { key: 'node.key.error.failed', message: described.message };
  }
}

function failureText(t: TFunction, failure: Failure): string {
  return t(failure.key as 'node.key.error.failed', { message: failure.message ?? '' });
}

function takeValue(element: HTMLInputElement | HTMLTextAreaElement | null): string {
  if (!element) return '';
  const value = element.value;
  element.value = '';
  return value;
}

/** The key area under the status: a warning with the controls while no key signs, the address once one does. */
export function OperatorKey({ signer }: { signer: string | null }) {
  const client = useClient();
  const [key, setKey] = useState<KeyStatus | undefined>(undefined);
  const [loadError, setLoadError] = useState<Failure | null>(null);
  const { t } = useTranslation();

  // The signer changes with unlocks done elsewhere (the CLI, a remembered passphrase): read the key again.
  useEffect(() => {
    let current = true;
    loadKeyStatus(client).then(
      (status) => {
        if (!current) return;
        setKey(status);
        setLoadError(null);
      },
      (error: unknown) => {
        if (current) setLoadError({ key: 'node.key.error.failed', message: describeError(error).message });
      },
    );
    return () => {
      current = false;
    };
  }, [client, signer]);

  const state = key?.state ?? (signer === null ? 'unknown' : 'unlocked');
  if (state === 'unlocked') {
    const address = key?.address ?? signer;
    return address ? <UnlockedKey address={address} remembered={key?.remembered ?? false} onKey={setKey} /> : null;
  }
  return (
    <div className="node-notice node-key" data-testid="node-no-signer" data-key-state={state} role="note">
      <p className="node-notice-title">{t('node.signer.noneTitle')}</p>
      <p>{t('node.signer.noneHelp')}</p>
      {loadError ? (
        <p className="field-error" role="alert">
          {failureText(t, loadError)}
        </p>
      ) : null}
      {key?.state === 'absent' ? <CreateOrImport onKey={setKey} /> : null}
      {key?.state === 'locked' ? <UnlockForm status={key} onKey={setKey} /> : null}
    </div>
  );
}

function UnlockedKey({ address, remembered, onKey }: { address: string; remembered: boolean; onKey(status: KeyStatus): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState<'lock' | 'forget' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const lock = async (forget: boolean): Promise<void> => {
    if (busy) return;
    setBusy(forget ? 'forget' : 'lock');
    setFailure(null);
    try {
      onKey(await runKeyAction(client, { action: 'lock', forget }));
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="node-key node-key-unlocked" data-testid="node-key" data-key-state="unlocked">
      <span className="node-key-label">{t('node.key.title')}</span>
      <CopyableText value={address} label={t('node.key.addressLabel')} testId="node-key-address" />
      {remembered ? <span className="muted node-key-remembered">{t('node.key.rememberedNote')}</span> : null}
      <span className="node-key-actions">
        <button type="button" className="button" onClick={() => void lock(false)} disabled={busy !== null} aria-busy={busy === 'lock'} title={t('node.key.lockHelp')} data-testid="node-key-lock">
          {busy === 'lock' ? <span className="spinner" aria-hidden="true" /> : null}
          {t('node.key.lock')}
        </button>
        {remembered ? (
          <button type="button" className="button button-quiet" onClick={() => void lock(true)} disabled={busy !== null} aria-busy={busy === 'forget'} title={t('node.key.forgetHelp')} data-testid="node-key-forget">
            {busy === 'forget' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('node.key.forget')}
          </button>
        ) : null}
      </span>
      {failure ? (
        <p className="field-error node-key-error" role="alert" data-testid="node-key-error">
          {failureText(t, failure)}
        </p>
      ) : null}
    </div>
  );
}

function UnlockForm({ status, onKey }: { status: KeyStatus; onKey(status: KeyStatus): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const fieldId = useId();
  const passphraseRef = useRef<HTMLInputElement>(null);
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Bumped after a failed attempt: the emptied field takes the focus once it is enabled again.
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus > 0) passphraseRef.current?.focus();
  }, [refocus]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const passphrase = takeValue(passphraseRef.current);
    const problem = passphraseProblem(passphrase);
    if (problem) {
      setFailure({ key: `node.key.error.${problem}` });
      setRefocus((count) => count + 1);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onKey(await runKeyAction(client, { action: 'unlock', passphrase, remember: status.canRemember && remember }));
    } catch (error) {
      setFailure(failureOf(error));
      setRefocus((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="node-key-unlock" onSubmit={(event) => void submit(event)} noValidate data-testid="node-key" data-key-state="locked">
      <p className="node-key-lead">{t('node.key.lockedHelp', { address: status.address ?? '' })}</p>
      <div className="node-key-row">
        <label htmlFor={fieldId} className="control-label">
          {t('node.key.passphrase')}
        </label>
        <input
          ref={passphraseRef}
          id={fieldId}
          className="input node-key-input"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          disabled={busy}
          aria-invalid={failure ? true : undefined}
          aria-describedby={failure ? `${fieldId}-error` : undefined}
          onInput={() => {
            if (failure) setFailure(null);
          }}
          data-testid="node-key-unlock-passphrase"
        />
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy} data-testid="node-key-unlock">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {busy ? t('node.key.unlocking') : t('node.key.unlock')}
        </button>
      </div>
      {status.canRemember ? (
        <label className="node-key-remember">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} disabled={busy} data-testid="node-key-remember" />
          <span>
            {t('node.key.remember')}
            <span className="muted node-key-remember-help"> {t('node.key.rememberHelp')}</span>
          </span>
        </label>
      ) : null}
      {failure ? (
        <p id={`${fieldId}-error`} className="field-error node-key-error" role="alert" data-testid="node-key-error">
          {failureText(t, failure)}
        </p>
      ) : null}
    </form>
  );
}

function CreateOrImport({ onKey }: { onKey(status: KeyStatus): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'create' | 'import' | null>(null);
  const close = useCallback(() => setMode(null), []);
  return (
    <div className="node-key-absent" data-testid="node-key" data-key-state="absent">
      <p className="node-key-lead">{t('node.key.absentHelp')}</p>
      <div className="node-key-row">
        <button type="button" className="button button-primary" onClick={() => setMode('create')} data-testid="node-key-create">
          {t('node.key.create')}
        </button>
        <button type="button" className="button" onClick={() => setMode('import')} data-testid="node-key-import">
          {t('node.key.import')}
        </button>
      </div>
      {mode ? <KeyDialog key={mode} mode={mode} onClose={close} onKey={onKey} /> : null}
    </div>
  );
}

function KeyDialog({ mode, onClose, onKey }: { mode: 'create' | 'import'; onClose(): void; onKey(status: KeyStatus): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const materialRef = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const fieldId = useId();
  // Only what kind of material the field holds, never the material itself.
  const [detected, setDetected] = useState<KeyMaterial['kind']>('empty');
  const [detectedWords, setDetectedWords] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // After a failed attempt, the field to fill again takes the focus once the form is enabled again.
  const [refocus, setRefocus] = useState<{ field: 'passphrase' | 'material' } | null>(null);
  useEffect(() => {
    if (refocus) (refocus.field === 'material' ? materialRef : passphraseRef).current?.focus();
  }, [refocus]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    (mode === 'import' ? materialRef : passphraseRef).current?.focus();
  }, [mode]);

  const cancel = (): void => {
    if (busy) return;
    takeValue(passphraseRef.current);
    takeValue(confirmRef.current);
    takeValue(materialRef.current);
    dialogRef.current?.close();
    onClose();
  };

  const fail = (failed: Problem | Failure, field: 'passphrase' | 'material'): void => {
    setFailure(typeof failed === 'string' ? { key: `node.key.error.${failed}` } : failed);
    setRefocus({ field });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    // Read and empty the passphrase fields at once: a retry types them again.
    const passphrase = takeValue(passphraseRef.current);
    const confirmation = takeValue(confirmRef.current);
    const material = mode === 'import' ? detectKeyMaterial(materialRef.current?.value ?? '') : null;
    if (material && (material.kind === 'empty' || material.kind === 'invalid')) {
      fail(material.kind === 'empty' ? 'materialEmpty' : 'materialInvalid', 'material');
      return;
    }
    const problem = passphraseProblem(passphrase, confirmation);
    if (problem) {
      fail(problem, 'passphrase');
      return;
    }
    // The material leaves the field now, whatever the answer.
    takeValue(materialRef.current);
    setDetected('empty');
    setBusy(true);
    setFailure(null);
    try {
      const status =
        material?.kind === 'privateKey'
          ? await runKeyAction(client, { action: 'import', privateKey: material.privateKey, passphrase })
          : material?.kind === 'mnemonic'
            ? await runKeyAction(client, { action: 'import', mnemonic: material.mnemonic, passphrase })
            : await runKeyAction(client, { action: 'create', passphrase });
      setBusy(false);
      dialogRef.current?.close();
      onKey(status);
      onClose();
    } catch (error) {
      setBusy(false);
      fail(failureOf(error), mode === 'import' ? 'material' : 'passphrase');
    }
  };

  const detectedText =
    detected === 'privateKey' ? t('node.key.detected.privateKey') : detected === 'mnemonic' ? t('node.key.detected.mnemonic', { words: detectedWords }) : detected === 'invalid' ? t('node.key.detected.invalid') : '';

  return (
    <dialog
      ref={dialogRef}
      onInput={() => {
        if (failure) setFailure(null);
      }}
      className="dialog node-key-dialog"
      aria-labelledby={titleId}
      data-testid="node-key-dialog"
      data-mode={mode}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={titleId} className="dialog-title">
          {mode === 'create' ? t('node.key.createTitle') : t('node.key.importTitle')}
        </h2>
        <p className="dialog-text">{mode === 'create' ? t('node.key.createExplain') : t('node.key.importExplain')}</p>
        <p className="dialog-text node-key-warning" role="note">
          {t('node.key.localOnly')}
        </p>
        {mode === 'import' ? (
          <div className="node-key-field">
            <label htmlFor={`${fieldId}-material`} className="control-label">
              {t('node.key.material')}
            </label>
            <textarea
              ref={materialRef}
              id={`${fieldId}-material`}
              className="input textarea mono"
              rows={3}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="off"
              disabled={busy}
              placeholder={t('node.key.materialPlaceholder')}
              onInput={(event) => {
                const found = detectKeyMaterial(event.currentTarget.value);
                setDetected(found.kind);
                setDetectedWords(found.kind === 'mnemonic' ? found.words : 0);
              }}
              data-testid="node-key-material"
              data-detected={detected}
            />
            <span className={detected === 'invalid' ? 'field-error' : 'field-hint'}>{detectedText || t('node.key.materialHint')}</span>
          </div>
        ) : null}
        <div className="node-key-field">
          <label htmlFor={`${fieldId}-passphrase`} className="control-label">
            {t('node.key.newPassphrase')}
          </label>
          <input ref={passphraseRef} id={`${fieldId}-passphrase`} className="input" type="password" autoComplete="new-password" spellCheck={false} disabled={busy} data-testid="node-key-passphrase" />
          <span className="field-hint">{t('node.key.passphraseHint')}</span>
        </div>
        <div className="node-key-field">
          <label htmlFor={`${fieldId}-confirm`} className="control-label">
            {t('node.key.confirm')}
          </label>
          <input ref={confirmRef} id={`${fieldId}-confirm`} className="input" type="password" autoComplete="new-password" spellCheck={false} disabled={busy} data-testid="node-key-confirm" />
        </div>
        {failure ? (
          <p className="field-error node-key-error" role="alert" data-testid="node-key-error">
            {failureText(t, failure)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel} disabled={busy}>
            {t('node.key.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy} data-testid="node-key-submit">
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {busy ? (mode === 'create' ? t('node.key.creating') : t('node.key.importing')) : mode === 'create' ? t('node.key.submitCreate') : t('node.key.submitImport')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
