// POST to the office endpoint (/office/…): the server's Chinese message on a
// refusal, the answer's data on success.

import { useApiUrl, useCustomMutation } from '@refinedev/core';
import { App } from 'antd';
import { refusalOf } from '../../i18n/index.ts';

export function useOfficeAction() {
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { mutateAsync, mutation } = useCustomMutation();
  const post = async <T = Record<string, unknown>>(path: string, values: object = {}): Promise<T | null> => {
    try {
      const answer = await mutateAsync({
        url: `${apiUrl}/office/${path}`,
        method: 'post',
        values,
        successNotification: false,
        errorNotification: false,
      });
      return (answer.data as { data?: T }).data ?? (answer.data as T);
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
      return null;
    }
  };
  return { post, pending: mutation.isPending };
}
