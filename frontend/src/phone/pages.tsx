// 每日必办, 待办, 我的 on the phone.

import { useList, useLogout, useNavigation } from '@refinedev/core';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { LanguageSwitch } from '../components/header.tsx';
import { lightOf } from '../matters/lights.ts';
import { LightBadge } from '../matters/light-badge.tsx';
import { useMatterWords } from '../matters/use-matter-schema.ts';
import { useTodos } from '../pages/workbench.tsx';
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
      <Typography.Title level={4} style={{ margin: '4px 0' }}>每日必办 · {dayjs().format('M月D日')}</Typography.Title>
      <Typography.Text type="secondary">{me?.unit?.name}</Typography.Text>
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
      <List
        dataSource={todos}
        locale={{ emptyText: '暂无待办' }}
        renderItem={(m: any) => (
          <List.Item onClick={() => show('matters', m.id)} style={{ minHeight: 56, cursor: 'pointer' }} data-number={m.number}>
            <List.Item.Meta title={m.title} description={`${m.number} · ${words.status[m.status] ?? m.status}`} />
            <LightBadge light={lightOf(m, now)} />
          </List.Item>
        )}
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
        <Typography.Title level={5} style={{ margin: 0 }}>{me?.name}</Typography.Title>
        <Typography.Text type="secondary">{me?.unit?.name} · {me?.role?.name}</Typography.Text>
        <div>待办 {todos.length} 件</div>
      </Card>
      <LanguageSwitch />
      <Button danger block size="large" onClick={() => logout()}>退出登录</Button>
    </Space>
  );
}
