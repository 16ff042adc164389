// 每日必办, 待办, 我的 on the phone.

import { useList, useLogout, useNavigation } from '@refinedev/core';
import { Button, Card, Space, Tag } from 'antd';
import { Row, Rows } from './rows.tsx';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { lightOf } from '../matters/lights.ts';
import { LightBadge } from '../matters/light-badge.tsx';
import { useMatterWords } from '../matters/use-matter-schema.ts';
import { useTodos } from '../matters/use-todos.ts';
import { useOutbox } from './report.tsx';

export function Daily() {
  const { me, todos } = useTodos();
  const queued = useOutbox();
  const today = dayjs().format('YYYY-MM-DD');
  const { result } = useList({ resource: 'activity_records', filters: [{ field: 'occurred_on', operator: 'eq', value: today }, { field: 'unit', operator: 'eq', value: me?.unit?.id }], pagination: { currentPage: 1, pageSize: 1 }, meta: { fields: ['id'] }, queryOptions: { enabled: Boolean(me?.unit?.id) } });
  const items = [
    { title: '巡查走访，发现问题随时上报', to: '/report', done: false, extra: <Button type="primary" size="large">上报</Button> },
    { title: `今日工作记录 ${result?.total ?? 0} 条`, to: '/data/activity_records/create', done: (result?.total ?? 0) > 0, extra: <Button size="large">记录</Button> },
    { title: `待办事项 ${todos.length} 件`, to: '/todos', done: todos.length === 0, extra: <Button size="large">查看</Button> },
    { title: `待发送 ${queued.length} 条`, to: '/report', done: queued.length === 0, extra: null },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <h2 style={{ margin: '4px 0', fontSize: 20 }}>每日必办 · {dayjs().format('M月D日')}</h2>
      <div style={{ color: '#888' }}>{me?.unit?.name}</div>
      {items.map((item) => (
        <Card key={item.title} size="small">
          <Link to={item.to} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', minHeight: 44, color: 'inherit' }}>
            <span>
              {item.done ? <Tag color="green">已完成</Tag> : <Tag color="orange">待完成</Tag>}
              {item.title}
            </span>
            {item.extra}
          </Link>
        </Card>
      ))}
    </Space>
  );
}

export function Todos() {
  const { todos, isLoading } = useTodos();
  const words = useMatterWords();
  const { show } = useNavigation();
  const now = new Date();
  return (
    <Card title={`待办（${todos.length}）`} size="small" loading={isLoading} data-testid="phone-todos">
      <Rows
        items={todos}
        empty="暂无待办"
        render={(m: any) => <Row key={m.id} data-number={m.number} onClick={() => show('matters', m.id)} title={m.title} description={`${m.number} · ${words.status[m.status] ?? m.status}`} extra={<LightBadge light={lightOf(m, now)} />} />}
      />
    </Card>
  );
}

export function Me() {
  const { todos, me } = useTodos();
  const { mutate: logout } = useLogout();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <h3 style={{ margin: 0, fontSize: 17 }}>{me?.name}</h3>
        <div style={{ color: '#888' }}>{me?.unit?.name} · {me?.role?.name}</div>
        <div>待办 {todos.length} 件</div>
      </Card>
      <LanguageSwitch />
      <Button danger block size="large" onClick={() => logout()}>退出登录</Button>
    </Space>
  );
}
