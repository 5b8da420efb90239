import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { isApiErrorBody } from '../../../../electron/contract/errors';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import type { FleetFormats } from './fleet-formats';
import { FleetDialog } from './FleetDialog';
import { buildSourceInput, EMPTY_SOURCE_FORM, errorsFromIssues, type SourceField, type SourceFieldErrors, type SourceFormValues } from './source-form';
import { TestResult, type TestStatus } from './TestResult';
import { useSourceErrorText } from './use-source-error-text';

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string; other: string[] };

interface AddSourceDialogProps {
  formats: FleetFormats;
  onAdded(source: FleetSourceStatus): void;
  onClose(): void;
}

/**
 * "Add a fleet source": a Prometheus URL or a list of dcgm-exporter targets, optional site,
 * host labels and authentication (paths of files on the Sietch host, never the secrets). "Test
 * connection" reads it once without saving; "Add source" saves it (the core reads it at once).
 * Problems are shown beside their field: the form's own checks first, then the server's issues.
 */
export function AddSourceDialog({ formats, onAdded, onClose }: AddSourceDialogProps) {
  const { t } = useTranslation();
  const client = useClient();
  const idPrefix = useId();
  const [values, setValues] = useState<SourceFormValues>(EMPTY_SOURCE_FORM);
  const [touched, setTouched] = useState<Partial<Record<SourceField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<SourceFieldErrors>({});
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle' });
  const [test, setTest] = useState<TestStatus>({ kind: 'idle' });
  const errorText = useSourceErrorText();
  const built = buildSourceInput(values);
  const shownError = (field: SourceField) => serverErrors[field] ?? (touched[field] || submitted ? built.errors[field] : undefined);

  const set = (field: SourceField) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const { value } = event.target;
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
    // What was tested is no longer what is typed.
    setTest((current) => (current.kind === 'testing' ? current : { kind: 'idle' }));
  };

  const props = (field: SourceField) => {
    const error = shownError(field);
    return {
      id: `${idPrefix}-${field}`,
      name: field,
      value: values[field],
      onChange: set(field),
      onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': `${idPrefix}-${field}-message`,
      'data-testid': `fleet-form-${field}`,
      autoComplete: 'off',
      spellCheck: false,
    };
  };

  const field = (name: SourceField, label: string, control: ReactNode, hint?: string, wide?: boolean) => {
    const error = errorText(shownError(name));
    return (
      <div className={wide ? 'edit-field edit-field-wide' : 'edit-field'}>
        <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
        {control}
        {error ? (
          <span id={`${idPrefix}-${name}-message`} className="field-error" role="alert" data-testid="fleet-field-error" data-field={name}>
            {error}
          </span>
        ) : (
          <span id={`${idPrefix}-${name}-message`} className="field-hint">
            {hint ?? ''}
          </span>
        )}
      </div>
    );
  };
  const text = (name: SourceField, label: string, options: { placeholder?: string; hint?: string; wide?: boolean; mono?: boolean } = {}) =>
    field(name, label, <input {...props(name)} className={options.mono ? 'input mono' : 'input'} type="text" placeholder={options.placeholder} />, options.hint, options.wide);

  /** The server's field issues on their fields; the call's message and the issues no field holds. */
  const applyServerErrors = (error: unknown): { message: string; other: string[] } => {
    const mapped = isApiErrorBody(error) && error.issues ? errorsFromIssues(error.issues) : { fields: {}, other: [] };
    setServerErrors(mapped.fields);
    return { message: describeError(error).message, other: mapped.other };
  };

  const runTest = async () => {
    setSubmitted(true);
    if (!built.input || test.kind === 'testing') return;
    setTest({ kind: 'testing' });
    try {
      const result = await client.invoke('fleet.source.test', { source: built.input });
      setTest({ kind: 'done', result });
    } catch (error) {
      applyServerErrors(error);
      setTest({ kind: 'failed', error: describeError(error) });
    }
  };

  const submit = async () => {
    setSubmitted(true);
    if (!built.input || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    try {
      const added = await client.invoke('fleet.source.add', built.input);
      setSave({ kind: 'idle' });
      onAdded(added);
    } catch (error) {
      const failure = applyServerErrors(error);
      const described = describeError(error);
      // A name already taken is the name field's problem.
      if (described.code === 'conflict') setServerErrors({ name: { kind: 'server', message: described.message } });
      setSave({ kind: 'failed', ...failure });
    }
  };

  const prometheus = values.kind === 'prometheus';
  return (
    <FleetDialog title={t('fleet.form.title')} testId="fleet-add-dialog" wide onClose={onClose} onSubmit={() => void submit()}>
      <fieldset className="fleet-kind" data-testid="fleet-form-kind">
        <legend className="control-label">{t('fleet.form.kind')}</legend>
        {(['prometheus', 'targets'] as const).map((kind) => (
          <label key={kind} className="fleet-kind-option">
            <input type="radio" name={`${idPrefix}-kind`} value={kind} checked={values.kind === kind} onChange={set('kind')} data-testid={`fleet-form-kind-${kind}`} />
            <span>
              <strong>{t(`fleet.kind.${kind}`)}</strong>
              <span className="field-hint">{t(`fleet.form.kindHint.${kind}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="edit-grid">
        {text('name', t('fleet.field.name'), { placeholder: t('fleet.form.namePlaceholder') })}
        {text('site', t('fleet.field.site'), { placeholder: 'par-2', hint: t('fleet.form.siteHint') })}
        {prometheus ? (
          <>
            {text('url', t('fleet.field.url'), { placeholder: 'http://prometheus:9090', mono: true, wide: true })}
            {text('selector', t('fleet.field.selector'), { placeholder: '{cluster="par-2"}', mono: true, hint: t('fleet.form.selectorHint') })}
          </>
        ) : (
          <>
            {field('targets', t('fleet.field.targets'), <textarea {...props('targets')} className="input textarea mono" rows={4} placeholder={'gpu-07:9400\ngpu-08:9400'} />, t('fleet.form.targetsHint'), true)}
            {text('targetsFile', t('fleet.field.targetsFile'), { placeholder: '/etc/prometheus/dcgm-targets.json', mono: true, hint: t('fleet.form.targetsFileHint') })}
          </>
        )}
        {text('hostLabels', t('fleet.field.hostLabels'), { placeholder: 'Hostname, hostname', mono: true, hint: t('fleet.form.hostLabelsHint') })}
      </div>
      <fieldset className="fleet-auth">
        <legend className="control-label">{t('fleet.form.auth')}</legend>
        <div className="edit-grid">
          {field(
            'auth',
            t('fleet.field.auth'),
            <select {...props('auth')} className="select">
              {(['none', 'basic', 'bearer'] as const).map((mode) => (
                <option key={mode} value={mode}>
                  {t(`fleet.auth.${mode}`)}
                </option>
              ))}
            </select>,
            t('fleet.form.authHint'),
          )}
          {text('caFile', t('fleet.field.caFile'), { placeholder: '/etc/ssl/certs/prometheus-ca.pem', mono: true })}
          {values.auth === 'basic' ? (
            <>
              {text('username', t('fleet.field.username'))}
              {text('passwordFile', t('fleet.field.passwordFile'), { placeholder: '/etc/sietch/prometheus.password', mono: true })}
            </>
          ) : null}
          {values.auth === 'bearer' ? text('bearerTokenFile', t('fleet.field.bearerTokenFile'), { placeholder: '/var/run/secrets/prometheus-token', mono: true, hint: t('fleet.form.tokenHint') }) : null}
        </div>
      </fieldset>
      {test.kind === 'idle' ? null : <TestResult status={test} formats={formats} />}
      {save.kind === 'failed' ? (
        <div className="field-error" role="alert" data-testid="fleet-add-error">
          <p>{t('fleet.form.failed', { message: save.message })}</p>
          {save.other.length > 0 ? (
            <ul>
              {save.other.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="dialog-actions fleet-dialog-actions">
        <button type="button" className="button" onClick={() => void runTest()} aria-busy={test.kind === 'testing'} aria-disabled={test.kind === 'testing'} data-testid="fleet-form-test">
          {test.kind === 'testing' ? <span className="spinner" aria-hidden="true" /> : null}
          {t('fleet.form.test')}
        </button>
        <span className="fleet-dialog-spacer" />
        <button type="button" className="button" onClick={onClose} data-testid="fleet-form-cancel">
          {t('fleet.form.cancel')}
        </button>
        <button type="submit" className="button button-primary" aria-busy={save.kind === 'saving'} aria-disabled={save.kind === 'saving'} data-testid="fleet-form-save">
          {save.kind === 'saving' ? <span className="spinner" aria-hidden="true" /> : null}
          {t('fleet.form.save')}
        </button>
      </div>
    </FleetDialog>
  );
}
