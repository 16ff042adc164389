// 工作台: my unit's to-dos — to sign for or accept, to handle, to verify and
// close — each with its deadline light, the count per light, and the documents
// still to sign for. Plain React (workbench.css): it is the office's first screen,
// drawn before the office app (Refine + antd) has loaded (office-shell.tsx), and the
// same screen inside it.

import { useEffect } from 'react';
import { say as t } from '../i18n/index.ts';
import { LIGHT_COLORS, lightLabel, LightBadge } from '../matters/light-badge.tsx';
import { countByLight, lightOf, RUNNING_LIGHTS, todoKind, type TodoKind } from '../matters/lights.ts';
import { useTodos } from '../matters/use-todos.ts';
import { useLoad, useMatterWords } from '../phone/data.ts';
import type { Identity } from '../providers/auth-provider.ts';
import { inboxOrder, receiptMarker, type ReceiptView } from './office/receipts.ts';
import { formatLocal } from './office/timeline.ts';
import './workbench.css';

/** The workbench's boxes, in order (titles: workbench.boxes.<kind>). */
const BOXES: TodoKind[] = ['sign', 'handle', 'verify'];

interface Props {
  me: Identity | null | undefined;
  /** Opens an address of the app (a matter, the inbox). */
  go: (path: string) => void;
  /** Called once the to-dos are on screen. */
  onShown?: () => void;
}

function Box({ title, loading, children, ...rest }: { title: string; loading: boolean; children: React.ReactNode; 'data-testid': string }) {
  return (
    <section className="wb-card" aria-busy={loading} {...rest}>
      <h4 className="wb-card-head">{title}</h4>
      <div className="wb-card-body">{loading ? <div className="wb-skeleton" /> : children}</div>
    </section>
  );
}

function Rows<T>({ items, render }: { items: T[]; render: (item: T) => React.ReactNode }) {
  return items.length ? <ul className="wb-rows">{items.map(render)}</ul> : <div className="wb-empty">{t('list.none')}</div>;
}

export function Workbench({ me, go, onShown }: Props) {
  const { todos, loading } = useTodos(me);
  const words = useMatterWords();
  const now = new Date();
  const counts = countByLight(todos, now);
  useEffect(() => {
    if (me && !loading) onShown?.();
  }, [me, loading, onShown]);
  return (
    <div className="wb">
      <h3 className="wb-title">{t('workbench.title', { unit: me?.unit?.name ?? '' })}</h3>
      <div className="wb-counts">
        {RUNNING_LIGHTS.map((light) => (
          <div className="wb-card wb-count" key={light} data-testid={`count-${light}`}>
            <div className="wb-count-title">{lightLabel(light)}</div>
            <div className="wb-count-value" style={{ color: LIGHT_COLORS[light] }}>
              {loading ? '–' : counts[light]}
            </div>
          </div>
        ))}
      </div>
      <div className="wb-boxes">
        {BOXES.map((kind) => {
          const items = todos.filter((m) => todoKind(m.status) === kind);
          return (
            <Box key={kind} title={t(`workbench.boxes.${kind}`, { count: items.length })} loading={loading} data-testid={`todo-${kind}`}>
              <Rows
                items={items}
                render={(m: any) => (
                  <li key={m.id} className="wb-row" data-number={m.number}>
                    <a
                      href={`/app/matters/${m.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        go(`/matters/${m.id}`);
                      }}
                    >
                      <span className="wb-row-title">{m.title}</span>
                      <span className="wb-row-meta">
                        <span>{m.number}</span>
                        <span className="wb-tag">{words.type[m.type] ?? m.type}</span>
                        <span className={m.urgency === 'normal' ? 'wb-tag' : 'wb-tag wb-tag-red'}>
                          {words.urgency[m.urgency] ?? m.urgency}
                        </span>
                        <span>{words.status[m.status] ?? m.status}</span>
                      </span>
                    </a>
                    <LightBadge light={lightOf(m, now)} />
                  </li>
                )}
              />
            </Box>
          );
        })}
      </div>
      <DocumentsToSign me={me} go={go} />
    </div>
  );
}

interface Receipt extends ReceiptView {
  id: number;
  document: { title: string; sign_due_at: string | null; sent_at: string | null; unit: number };
}

/** 待签收公文: my unit's documents still to sign for, soonest deadline first (the inbox signs them). */
function DocumentsToSign({ me, go }: Pick<Props, 'me' | 'go'>) {
  const filter = me?.unit ? { unit: { _eq: me.unit.id }, status: { _in: ['unread', 'read'] } } : null;
  const receipts = useLoad<Receipt[]>(
    filter
      ? `/items/document_recipients?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=-document.sent_at&limit=-1` +
          '&fields=id,status,reply_status,document.title,document.sign_due_at,document.sent_at,document.unit'
      : null,
  );
  // A recipient does not read its superiors' records: their names come from the office's endpoint.
  const senders = useLoad<{ id: number; name: string }[]>(me?.unit ? '/office/documents/senders' : null);
  const names = new Map((senders.data ?? []).map((u) => [u.id, u.name]));
  const list = inboxOrder((receipts.data ?? []).map((r) => ({ ...r, sign_due_at: r.document.sign_due_at, sent_at: r.document.sent_at })));
  const now = new Date();
  return (
    <Box
      title={t('office.toSign', { count: list.length })}
      loading={receipts.loading && receipts.data === undefined}
      data-testid="todo-documents"
    >
      <Rows
        items={list}
        render={(r) => {
          const marker = receiptMarker(r, now);
          return (
            <li key={r.id} className="wb-row">
              <a
                href="/app/office/inbox"
                onClick={(e) => {
                  e.preventDefault();
                  go('/office/inbox');
                }}
              >
                <span className="wb-row-title">{r.document.title}</span>
                <span className="wb-row-meta">
                  {names.get(Number(r.document.unit)) ?? ''} ·{' '}
                  {t('office.signDueOn', { at: r.sign_due_at ? formatLocal(r.sign_due_at) : '—' })}
                </span>
              </a>
              <span className={`wb-tag wb-tag-${marker.color}`}>{marker.label}</span>
            </li>
          );
        }}
      />
    </Box>
  );
}
