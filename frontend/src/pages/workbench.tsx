// 工作台: my unit's to-dos — to sign for or accept, to handle, to verify and
// close — each with its deadline light, and the count per light.

import { useNavigation, useTranslate } from '@refinedev/core';
import { Card, Col, List as AntList, Row, Space, Statistic, Tag, Typography } from 'antd';
import { countByLight, lightOf, RUNNING_LIGHTS, todoKind, type TodoKind } from '../matters/lights.ts';
import { useUnitTodos } from '../matters/use-todos.ts';
import { LIGHT_COLORS, lightLabel, LightBadge } from '../matters/light-badge.tsx';
import { useMatterWords } from '../matters/use-matter-schema.ts';
import { DocumentsToSign } from './office/to-sign.tsx';

/** The workbench's boxes, in order (titles: workbench.boxes.<kind>). */
const BOXES: TodoKind[] = ['sign', 'handle', 'verify'];

export function Workbench() {
  const t = useTranslate();
  const { me, todos, isLoading } = useUnitTodos();
  const words = useMatterWords();
  const { show } = useNavigation();
  const now = new Date();
  const counts = countByLight(todos, now);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('workbench.title', { unit: me?.unit?.name ?? '' })}
      </Typography.Title>
      <Row gutter={16}>
        {RUNNING_LIGHTS.map((light) => (
          <Col xs={12} sm={6} key={light}>
            <Card size="small">
              <Statistic
                title={lightLabel(light)}
                value={counts[light]}
                valueStyle={{ color: LIGHT_COLORS[light] }}
                data-testid={`count-${light}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        {BOXES.map((kind) => {
          const items = todos.filter((m) => todoKind(m.status) === kind);
          return (
            <Col xs={24} lg={8} key={kind}>
              <Card
                title={t(`workbench.boxes.${kind}`, { count: items.length })}
                size="small"
                loading={isLoading}
                data-testid={`todo-${kind}`}
              >
                <AntList
                  dataSource={items}
                  locale={{ emptyText: t('list.none') }}
                  renderItem={(m: any) => (
                    <AntList.Item onClick={() => show('matters', m.id)} style={{ cursor: 'pointer' }} data-number={m.number}>
                      <AntList.Item.Meta
                        title={m.title}
                        description={
                          <Space wrap size={4}>
                            <span>{m.number}</span>
                            <Tag>{words.type[m.type] ?? m.type}</Tag>
                            <Tag color={m.urgency === 'normal' ? undefined : 'red'}>{words.urgency[m.urgency] ?? m.urgency}</Tag>
                            <span>{words.status[m.status] ?? m.status}</span>
                          </Space>
                        }
                      />
                      <LightBadge light={lightOf(m, now)} />
                    </AntList.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <DocumentsToSign />
    </Space>
  );
}
