// The counts on top of a status page (签收情况, 报送情况): one card per state.

import { Card, Col, Row, Statistic } from 'antd';

export function StatusCounts({ items }: { items: { key: string; label: string; value: number; color?: string }[] }) {
  return (
    <Row gutter={16}>
      {items.map(({ key, label, value, color }) => (
        <Col xs={6} key={key}>
          <Card size="small">
            <Statistic title={label} value={value} valueStyle={color ? { color } : undefined} data-testid={`count-${key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
