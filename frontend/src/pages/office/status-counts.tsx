// The counts on top of a status page (签收情况, 报送情况): one card per group,
// named from the dictionary (`<words>.<group>`), the late and done ones coloured.

import { useTranslate } from '@refinedev/core';
import { Card, Col, Row, Statistic } from 'antd';

const COLORS: Record<string, string> = { overdue: '#f5222d', signed: '#52c41a', submitted: '#52c41a', late: '#fa8c16' };

export function StatusCounts<K extends string>({
  groups,
  counts,
  words,
}: {
  groups: readonly K[];
  counts: Partial<Record<K, number>> | undefined;
  words: string;
}) {
  const t = useTranslate();
  return (
    <Row gutter={16}>
      {groups.map((key) => (
        <Col xs={6} key={key}>
          <Card size="small">
            <Statistic
              title={t(`${words}.${key}`)}
              value={counts?.[key] ?? 0}
              valueStyle={COLORS[key] ? { color: COLORS[key] } : undefined}
              data-testid={`count-${key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
