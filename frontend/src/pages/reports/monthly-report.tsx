// A monthly report of the user's office (GET/POST /reports/<kind>): 督查通报 for the
// offices below, or 分析研判报告 to send up — downloaded as Word or PDF (where the server
// has LibreOffice; otherwise the refusal says so), or made a draft office document with
// the Word file attached, opened for editing before it is sent.

import { useApiUrl, useCustomMutation, useTranslate } from '@refinedev/core';
import { App, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { downloadFile } from '../../components/download.ts';
import { lastMonth } from '../../components/months.ts';
import { refusalOf } from '../../i18n/index.ts';

export function MonthlyReport({ kind }: { kind: 'bulletin' | 'analysis' }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { mutateAsync, mutation } = useCustomMutation();
  const [month, setMonth] = useState(lastMonth);
  const [fetching, setFetching] = useState<'docx' | 'pdf' | null>(null);
  const download = async (format: 'docx' | 'pdf') => {
    setFetching(format);
    try {
      await downloadFile(`${apiUrl}/reports/${kind}?span=${month}&format=${format}`, `${kind}-${month}.${format}`);
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 8);
    } finally {
      setFetching(null);
    }
  };
  const draft = async () => {
    try {
      const answer = await mutateAsync({
        url: `${apiUrl}/reports/${kind}/draft`,
        method: 'post',
        values: { span: month },
        successNotification: false,
        errorNotification: false,
      });
      message.success(t(`reports.${kind}.drafted`));
      navigate(`/data/documents/edit/${(answer.data as unknown as { document: number }).document}`);
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  return (
    <Card size="small" title={t(`reports.${kind}.title`)} data-testid={`report-${kind}`}>
      <Space wrap>
        <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} style={{ width: 160 }} data-testid={`${kind}-month`} />
        <Button loading={fetching === 'docx'} onClick={() => void download('docx')} data-testid={`${kind}-download`}>
          {t('reports.download')}
        </Button>
        <Button loading={fetching === 'pdf'} onClick={() => void download('pdf')} data-testid={`${kind}-pdf`}>
          {t('reports.downloadPdf')}
        </Button>
        <Button type="primary" loading={mutation.isPending} onClick={() => void draft()} data-testid={`${kind}-draft`}>
          {t(`reports.${kind}.draft`)}
        </Button>
      </Space>
    </Card>
  );
}
