// The server's refusals of a user administration request, in words an
// administrator understands. Pure, tested beside this file.

export interface Refusal {
  statusCode?: number;
  code?: string;
  message?: string;
  /** The server's own words (toHttpError), which the patterns below read. */
  detail?: string;
}

export function userAdminError(error: Refusal): string {
  const code = error.code ?? '';
  const message = error.detail ?? error.message ?? '';
  if (code === 'RECORD_NOT_UNIQUE' || /unique/i.test(message)) return '该电子邮箱已被其他用户使用';
  if (error.statusCode === 403 || code === 'FORBIDDEN') return '没有权限：只能管理本单位及下级单位的用户';
  if (code === 'FAILED_VALIDATION' && /role/.test(message)) return '只能授予本级及以下的角色';
  if (code === 'FAILED_VALIDATION' && /unit_path/.test(message)) return '只能把用户放在本单位或下级单位';
  if (/email/i.test(message)) return '电子邮箱格式不正确';
  if (/password/i.test(message)) return '密码不符合要求';
  if (error.statusCode === 0 || message === 'network') return '网络连接失败，请稍后再试';
  // Messages of our own hooks are Chinese already (角色不适用于…).
  return error.message ? `保存失败：${error.message}` : '保存失败，请稍后再试';
}
