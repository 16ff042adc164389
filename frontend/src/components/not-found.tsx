import { useTranslate } from '@refinedev/core';
import { Button, Result } from 'antd';
import { Link } from 'react-router';

export default function NotFound() {
  const t = useTranslate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('pages.error.404')}
      extra={
        <Link to="/">
          <Button type="primary">{t('pages.error.backHome')}</Button>
        </Link>
      }
    />
  );
}
