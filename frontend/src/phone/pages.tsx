// 每日必办, 待办, 我的 on the phone.

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { storedLocale, switchLanguageAndReload } from '../i18n/index.ts';
import { LightBadge } from '../matters/light-badge.tsx';
import { lightOf } from '../matters/lights.ts';
import { useTodos } from '../matters/use-todos.ts';
import { dailyError, noteOf, NOTE_MAX, progress, type Checklist, type DailyItem } from './daily.ts';
import { auth, post, t, useLoad, useMatterWords } from './data.ts';
import { Row, Rows } from './rows.tsx';
import { useOutbox } from './sending.ts';
import { useMe } from './session.ts';
import { Button, Card, toast, Tag } from './ui.tsx';

const todayText = () => new Date().toLocaleDateString(storedLocale(), { month: 'numeric', day: 'numeric' });
const timeText = (iso: string) => new Date(iso).toLocaleTimeString(storedLocale(), { hour: '2-digit', minute: '2-digit' });
const localDate = (d = new Date()) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** My unit's open matters (the office workbench's too). */
const usePhoneTodos = () => useTodos(useMe());

/** One item of the checklist: done (with when and the note), or a button to tick it with an optional note. */
function CheckItem({ item, onDone }: { item: DailyItem; onDone: (done: DailyItem) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const tick = async () => {
    const note = noteOf(text);
    if ('error' in note) return setError(note.error);
    setBusy(true);
    try {
      const answer = await post<{ done_at: string }>(`/office/daily/${item.id}/done`, note);
      toast('success', t('phone.ticked', { title: item.title }));
      onDone({ ...item, done: true, done_at: answer.done_at, note: note.note });
    } catch (e) {
      const failure = e as { statusCode: number; message: string };
      toast('error', dailyError(failure, 'tick'));
      // Someone (this worker on another device) did it already: show the server's state.
      if (failure.statusCode === 409) onDone(item);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ph-check" data-daily-item={item.title} data-done={item.done}>
      <div className="ph-check-body">
        <div className="ph-check-title">
          {item.done ? <Tag tone="green">{t('phone.done')}</Tag> : <Tag tone="orange">{t('phone.toDo')}</Tag>}
          {item.title}
        </div>
        {item.instructions && <div className="ph-muted">{item.instructions}</div>}
        {item.done && (
          <div className="ph-muted">
            {item.done_at ? t('phone.doneAt', { at: timeText(item.done_at) }) : t('phone.done')}
            {item.note ? ` · ${item.note}` : ''}
          </div>
        )}
        {open && !item.done && (
          <div style={{ marginTop: 8 }}>
            <label className="ph-label" htmlFor={`note-${item.id}`}>
              {t('phone.note')}
            </label>
            <textarea
              id={`note-${item.id}`}
              className="ph-input"
              rows={2}
              maxLength={NOTE_MAX + 1}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('phone.notePlaceholder')}
            />
            {error && <div className="ph-error">{error}</div>}
            <div className="ph-row-buttons" style={{ marginTop: 8 }}>
              <Button kind="primary" busy={busy} onClick={() => void tick()} data-testid="daily-confirm">
                {t('phone.confirmDone')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('buttons.cancel')}</Button>
            </div>
          </div>
        )}
      </div>
      {!item.done && !open && (
        <Button kind="primary" onClick={() => setOpen(true)}>
          {t('phone.tick')}
        </Button>
      )}
    </div>
  );
}

/** 每日必办: today's checklist from the community, and the day's other work at a glance. */
export function Daily() {
  const me = useMe();
  const { todos } = usePhoneTodos();
  const queued = useOutbox();
  const checklist = useLoad<Checklist>('/office/daily');
  const [ticked, setTicked] = useState<Record<number, DailyItem>>({});
  const list = checklist.data && { ...checklist.data, items: checklist.data.items.map((i) => ticked[i.id] ?? i) };
  const { done, total } = progress(list);
  const onDone = (item: DailyItem) => (item.done ? setTicked((prev) => ({ ...prev, [item.id]: item })) : checklist.reload());
  const records = useLoad<{ count: number | string }[]>(
    me?.unit
      ? `/items/activity_records?filter=${encodeURIComponent(JSON.stringify({ occurred_on: { _eq: localDate() }, unit: { _eq: me.unit.id } }))}&aggregate[count]=*`
      : null,
  );
  const recordCount = Number(records.data?.[0]?.count ?? 0);
  // 本月待补: what the grid still misses this month (the shortfalls the assessment counts, not a score).
  const missing = useLoad<{ shortfalls: { metric: string; label: string; count: number }[] }>('/assessment/shortfalls');

  return (
    <>
      <div>
        <h2 className="ph-title">
          {t('phone.daily')} · {todayText()}
        </h2>
        <div className="ph-muted">{me?.unit?.name}</div>
      </div>
      <Card title={list ? t('phone.todayCount', { done, total }) : t('phone.today')} data-testid="daily-checklist">
        {checklist.error && !list ? (
          <div className="ph-banner" role="alert">
            {dailyError(checklist.error, 'load')}
            <div>
              <button type="button" className="ph-link" onClick={checklist.reload}>
                {t('phone.retry')}
              </button>
            </div>
          </div>
        ) : !list ? (
          <div className="ph-muted">{t('phone.loading')}</div>
        ) : !list.working_day ? (
          <div className="ph-muted">{t('phone.restDay')}</div>
        ) : list.items.length === 0 ? (
          <div className="ph-muted">{t('phone.noDaily')}</div>
        ) : (
          list.items.map((item) => <CheckItem key={item.id} item={item} onDone={onDone} />)
        )}
      </Card>
      <Card title={t('phone.work')}>
        <Row
          title={t('phone.patrol')}
          extra={
            <Link
              to="/report"
              className="ph-button ph-primary"
              style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}
            >
              {t('phone.report')}
            </Link>
          }
        />
        <Row
          title={
            <>
              {recordCount > 0 ? <Tag tone="green">{t('phone.recorded')}</Tag> : <Tag tone="orange">{t('phone.notRecorded')}</Tag>}
              {t('phone.records', { count: recordCount })}
            </>
          }
          extra={
            <a
              href="/app/data/activity_records/create"
              className="ph-button"
              style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}
            >
              {t('phone.record')}
            </a>
          }
        />
        <Row
          title={t('phone.todoCount', { count: todos.length })}
          extra={
            <Link to="/todos" className="ph-button" style={{ display: 'inline-flex', alignItems: 'center', textDecoration: 'none' }}>
              {t('phone.view')}
            </Link>
          }
        />
        {missing.data?.shortfalls.map((s) => (
          <Row
            key={s.metric}
            data-shortfall={s.metric}
            title={
              <>
                <Tag tone="red">{t('phone.toMakeGood')}</Tag>
                {s.label} {s.count}
              </>
            }
          />
        ))}
        {queued.length > 0 && (
          <Row
            title={
              <>
                <Tag tone="orange">{t('phone.queued')}</Tag>
                {t('phone.queuedCount', { count: queued.length })}
              </>
            }
          />
        )}
      </Card>
    </>
  );
}

/** 待办: my unit's open matters with their deadline lights; a matter opens in the office app's detail. */
export function Todos() {
  const { todos, loading } = usePhoneTodos();
  const words = useMatterWords();
  const now = new Date();
  return (
    <Card title={t('phone.todos', { count: todos.length })} data-testid="phone-todos">
      {loading && todos.length === 0 ? (
        <div className="ph-muted">{t('phone.loading')}</div>
      ) : (
        <Rows
          items={todos}
          empty={t('phone.noTodos')}
          render={(m: any) => (
            <Row
              key={m.id}
              data-number={m.number}
              onClick={() => window.location.assign(`/app/matters/${m.id}`)}
              title={m.title}
              description={`${m.number} · ${words.status[m.status] ?? m.status}`}
              extra={<LightBadge light={lightOf(m, now)} />}
            />
          )}
        />
      )}
    </Card>
  );
}

/** 我的: who I am, the manual, the language, logout. */
export function Me() {
  const me = useMe();
  const { todos } = usePhoneTodos();
  const navigate = useNavigate();
  const logout = async () => {
    await auth.logout({});
    navigate('/login', { replace: true });
  };
  return (
    <>
      <Card>
        <h3 className="ph-card-title">{me?.name}</h3>
        <div className="ph-muted">
          {me?.unit?.name} · {me?.role?.name}
        </div>
        <div>{t('phone.todoCount', { count: todos.length })}</div>
      </Card>
      {/* The manual is a screen of the office app: loaded as a page of its own. */}
      <Button block onClick={() => window.location.assign('/app/help')} data-testid="help-link">
        {t('help.link')}
      </Button>
      <Button block onClick={() => navigate('/password')} data-testid="change-password">
        {t('account.link')}
      </Button>
      <Button block onClick={switchLanguageAndReload} data-testid="language-switch">
        {t('app.switchTo')}
      </Button>
      <Button kind="danger" block onClick={() => void logout()}>
        {t('buttons.logout')}
      </Button>
    </>
  );
}
