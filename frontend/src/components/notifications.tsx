// Refine's notifications through antd's App context (instead of @refinedev/antd's,
// which would pull that whole package into the phone's first load).

import type { NotificationProvider } from '@refinedev/core';
import { App } from 'antd';

export function useNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      if (type === 'progress') return;
      notification[type === 'success' ? 'success' : 'error']({ key, message, description, placement: 'top' });
    },
    close: (key) => notification.destroy(key),
  };
}
