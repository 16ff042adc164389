// Refine's notifications through antd's App context (instead of @refinedev/antd's,
// which would pull that whole package into the phone's first load).

import type { NotificationProvider } from '@refinedev/core';
import { App } from 'antd';
import { useState, type ReactNode } from 'react';
import { say } from '../i18n/index.ts';
import { detailOf } from '../providers/error-details.ts';

/** A refusal's words, and the server's own account of it behind 详情. */
export function Refused({ text, detail }: { text: ReactNode; detail: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="refusal">
      {text}{' '}
      <button
        type="button"
        onClick={() => setOpen(!open)}
        data-testid="refusal-detail-link"
        style={{ border: 0, padding: 0, background: 'none', color: '#1677ff', cursor: 'pointer' }}
      >
        {say('errors.detail')}
      </button>
      {open && (
        <pre
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: '8px 0 0', color: '#666' }}
          data-testid="refusal-detail"
        >
          {detail}
        </pre>
      )}
    </div>
  );
}

export function useNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      if (type === 'progress') return;
      const detail = type === 'error' ? detailOf(description) : null;
      notification[type === 'success' ? 'success' : 'error']({
        key,
        message,
        description: detail ? <Refused text={description} detail={detail} /> : description,
        placement: 'top',
      });
    },
    close: (key) => notification.destroy(key),
  };
}
