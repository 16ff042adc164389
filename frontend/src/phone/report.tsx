// 上报 on the phone: time (now), place (the phone's location or typed), people,
// what happened, measures, photos (compressed) and video; the grid preselected.
// Labels and choices come from the server's metadata (kept for offline use).
// Without a network the report waits in the outbox (待发送) and goes out once
// the network is back.

import { useState, type FormEvent } from 'react';
import { MATTER_TEXT_LIMITS as LIMITS } from '../../../extensions/domains/matters/vocabulary.ts';
import { storedLocale } from '../i18n/index.ts';
import {
  ADMIN_FIELDS_PATH,
  adminBody,
  adminErrors,
  adminFiles,
  adminModels,
  PHONE_KINDS,
  type AdminFieldNames,
  type InputValue,
} from '../matters/admin-fields.ts';
import { AdminInput } from './admin-inputs.tsx';
import { compressImage } from './compress.ts';
import { t, useLoad, useMatterWords } from './data.ts';
import { enqueue, isOffline, serverBusy, type QueuedFile, type QueuedReport } from './outbox.ts';
import { emptyReport, localMinute, reportBody, reportErrors, type ReportErrors, type ReportValues } from './report-form.ts';
import { Row, Rows } from './rows.tsx';
import { sendReport, useOutbox } from './sending.ts';
import { useMe } from './session.ts';
import { Button, Card, Choices, Field, toast, Tag } from './ui.tsx';

/** Matter categories for the report form (kept on the phone for offline use). */
export const CATEGORIES = '/items/matter_categories?fields=id,name&sort=sort,id&limit=-1';

const newId = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const shortTime = (iso: string) =>
  new Date(iso).toLocaleString(storedLocale(), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

export function ReportPage() {
  const me = useMe();
  const words = useMatterWords();
  const label = (field: string) => words.models.find((m) => m.field === field)?.label ?? field;
  const categories = useLoad<{ id: number; name: string }[]>(CATEGORIES, { kept: true }).data ?? [];
  const queued = useOutbox();
  // The fields an administrator added in Studio, below the fixed ones (kept for offline use, as the metadata is).
  const adminNames = useLoad<AdminFieldNames>(ADMIN_FIELDS_PATH, { kept: true }).data;
  const admin = adminModels(words.models, adminNames?.report, PHONE_KINDS);
  const [extra, setExtra] = useState<Record<string, InputValue>>({});
  const [extraErrors, setExtraErrors] = useState<Record<string, string>>({});
  const [values, setValues] = useState<ReportValues>(() => emptyReport(new Date()));
  const [errors, setErrors] = useState<ReportErrors>({});
  const [files, setFiles] = useState<QueuedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ReportValues>(field: K, value: ReportValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const text = (field: keyof ReportValues) => ({
    id: `report-${field}`,
    className: 'ph-input',
    value: String(values[field] ?? ''),
    onChange: (e: { target: { value: string } }) => set(field, e.target.value as never),
  });

  const locate = () => {
    if (!navigator.geolocation) return toast('warning', t('phone.noGeolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => setValues((v) => ({ ...v, latitude: p.coords.latitude.toFixed(6), longitude: p.coords.longitude.toFixed(6) })),
      () => toast('warning', t('phone.noPosition')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const addFiles = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const blob = file.type.startsWith('image/') ? await compressImage(file) : file;
      const name = file.type.startsWith('image/') && blob !== file ? file.name.replace(/\.\w+$/, '') + '.jpg' : file.name;
      setFiles((prev) => [...prev, { name, type: blob.type || file.type, blob }]);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = reportErrors(values, new Date());
    // The administrator's rules may name the fixed fields: checked on the report's body (once it can be made).
    const extraFound = adminErrors(admin, extra, Object.keys(found).length ? {} : reportBody(values, me));
    setErrors(found);
    setExtraErrors(extraFound);
    if (Object.keys(found).length + Object.keys(extraFound).length > 0) return toast('error', t('phone.fixReport'));
    // The grid is preselected from who is signed in: wait for the server's answer.
    if (!me) return toast('info', t('phone.checkingSession'));
    const report = { ...reportBody(values, me), ...adminBody(admin, extra) };
    const fieldFiles = adminFiles(admin, extra).map(({ field, blob }) => ({
      name: `${field}.${blob.type.split('/')[1] || 'jpg'}`,
      type: blob.type,
      blob,
      field,
    }));
    const item: QueuedReport = { id: newId(), createdAt: new Date().toISOString(), report, files: [...files, ...fieldFiles] };
    setBusy(true);
    try {
      if (!navigator.onLine) throw new TypeError('offline');
      await sendReport(item);
      toast('success', t('phone.reported'));
    } catch (error) {
      if (!isOffline(error)) {
        toast('error', t('phone.reportFailed', { message: (error as Error).message ?? '' }));
        setBusy(false);
        return;
      }
      await enqueue(item);
      toast('info', t(serverBusy(error) ? 'phone.savedServerBusy' : 'phone.savedOffline'));
    }
    setValues(emptyReport(new Date()));
    setExtra({});
    setFiles([]);
    setBusy(false);
  };

  return (
    <>
      {queued.length > 0 && (
        <Card title={t('phone.outbox', { count: queued.length })} data-testid="outbox">
          <Rows
            items={queued}
            empty=""
            render={(q) => (
              <Row
                key={q.id}
                title={
                  <>
                    <Tag tone="orange">{t('phone.queued')}</Tag>
                    {String(q.report.title)}
                  </>
                }
                description={[shortTime(q.createdAt), t('phone.files', { count: q.files.length }), ...(q.error ? [q.error] : [])].join(
                  ' · ',
                )}
              />
            )}
          />
        </Card>
      )}
      <Card title={t('phone.reportTitle')}>
        <form onSubmit={submit} noValidate>
          <Field id="report-title" label={label('title')} required error={errors.title}>
            <input {...text('title')} maxLength={LIMITS.title} placeholder={t('phone.titlePlaceholder')} />
          </Field>
          <Field label={label('category')} required error={errors.category}>
            <Choices
              name="category"
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
              value={values.category}
              onChange={(v) => set('category', v)}
            />
          </Field>
          <Field label={label('urgency')}>
            <Choices
              name="urgency"
              options={Object.entries(words.urgency).map(([value, text]) => ({ value, label: text }))}
              value={values.urgency}
              onChange={(v) => set('urgency', v)}
            />
          </Field>
          <Field id="report-occurred_at" label={label('occurred_at')} required error={errors.occurred_at}>
            {/* The phone's own date and time picker. */}
            <input {...text('occurred_at')} type="datetime-local" max={localMinute(new Date(new Date().setHours(23, 59)))} />
          </Field>
          <Field id="report-address" label={label('address')} error={errors.address}>
            <div className="ph-inline">
              <input {...text('address')} maxLength={LIMITS.address} placeholder={t('phone.addressPlaceholder')} />
              <Button onClick={locate} data-testid="locate">
                {t('phone.locate')}
              </Button>
            </div>
          </Field>
          <Field label={`${label('latitude')} / ${label('longitude')}`} error={errors.latitude ?? errors.longitude}>
            <div className="ph-inline">
              <input
                {...text('latitude')}
                type="number"
                inputMode="decimal"
                step="any"
                min={-90}
                max={90}
                placeholder={label('latitude')}
                aria-label={label('latitude')}
              />
              <input
                {...text('longitude')}
                type="number"
                inputMode="decimal"
                step="any"
                min={-180}
                max={180}
                placeholder={label('longitude')}
                aria-label={label('longitude')}
              />
            </div>
          </Field>
          <Field id="report-grid" label={label('grid')}>
            <input
              id="report-grid"
              className="ph-input"
              value={!me ? '' : me.unit?.level === 'grid' ? me.unit.name : t('phone.notGridWorker')}
              disabled
            />
          </Field>
          <Field id="report-people_involved" label={label('people_involved')} error={errors.people_involved}>
            <textarea {...text('people_involved')} rows={2} maxLength={LIMITS.people_involved} />
          </Field>
          <Field id="report-description" label={label('description')} required error={errors.description}>
            <textarea {...text('description')} rows={3} maxLength={LIMITS.description} />
          </Field>
          <Field id="report-measures" label={label('measures')} error={errors.measures}>
            <textarea {...text('measures')} rows={2} maxLength={LIMITS.measures} />
          </Field>
          <Field label={label('attachments')}>
            <div className="ph-row-buttons">
              <Button onClick={() => document.getElementById('photo-input')?.click()}>{t('phone.photo')}</Button>
              <Button onClick={() => document.getElementById('video-input')?.click()}>{t('phone.video')}</Button>
            </div>
            <input
              id="photo-input"
              data-testid="photo-input"
              type="file"
              accept="image/*"
              multiple
              hidden
              onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))}
            />
            <input
              id="video-input"
              type="file"
              accept="video/*"
              capture="environment"
              hidden
              onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))}
            />
            <div className="ph-thumbs" data-testid="picked-files">
              {files.map((f, i) =>
                f.type.startsWith('image/') ? (
                  <img key={i} src={URL.createObjectURL(f.blob)} alt={f.name} />
                ) : (
                  <Tag key={i} tone="grey">
                    {f.name}
                  </Tag>
                ),
              )}
            </div>
          </Field>
          {admin.map((m) => (
            <AdminInput
              key={m.field}
              model={m}
              value={extra[m.field]}
              error={extraErrors[m.field]}
              onChange={(v) => setExtra((e) => ({ ...e, [m.field]: v }))}
            />
          ))}
          <Button kind="primary" type="submit" block busy={busy} data-testid="submit-report">
            {t('phone.report')}
          </Button>
        </form>
      </Card>
    </>
  );
}
