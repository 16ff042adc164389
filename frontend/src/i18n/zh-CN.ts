// 界面文字（默认语言）。Refine's own keys (buttons, actions, notifications, pages.login …)
// follow its standard locale files; ours are grouped by screen.
export default {
  app: { title: '浦口区综治信息系统', short: '综治信息系统', language: '语言', switchTo: 'English' },
  buttons: {
    create: '新建', save: '保存', logout: '退出登录', delete: '删除', edit: '编辑', cancel: '取消',
    confirm: '确定删除吗？', filter: '筛选', clear: '清除', refresh: '刷新', show: '查看', undo: '撤销',
    import: '导入', clone: '复制', notAccessTitle: '您没有权限执行此操作', search: '搜索', reset: '重置',
  },
  actions: { list: '列表', create: '新建', edit: '编辑', show: '详情', clone: '复制' },
  notifications: {
    success: '成功', error: '错误（状态码：{{statusCode}}）', undoable: '{{seconds}} 秒内可撤销',
    createSuccess: '{{resource}}已创建', createError: '创建{{resource}}失败（状态码：{{statusCode}}）',
    deleteSuccess: '{{resource}}已删除', deleteError: '删除{{resource}}失败（状态码：{{statusCode}}）',
    editSuccess: '{{resource}}已保存', editError: '保存{{resource}}失败（状态码：{{statusCode}}）',
    importProgress: '正在导入：{{processed}}/{{total}}',
  },
  loading: '加载中',
  warnWhenUnsavedChanges: '确定离开吗？有未保存的修改。',
  table: { actions: '操作' },
  pages: {
    login: {
      title: '登录浦口区综治信息系统',
      signin: '登录', signup: '注册', divider: '或',
      fields: { email: '账号（电子邮箱）', password: '密码' },
      errors: { validEmail: '请输入有效的电子邮箱', requiredEmail: '请输入账号', requiredPassword: '请输入密码' },
      buttons: { submit: '登录', forgotPassword: '忘记密码？', noAccount: '没有账号？', rememberMe: '记住我' },
    },
    error: { info: '您可能忘记把 {{action}} 页面加到 {{resource}} 资源。', 404: '抱歉，您访问的页面不存在。', resource404: '资源 {{resource}} 不存在', backHome: '返回首页' },
  },
  auth: {
    failed: '账号或密码错误',
    expired: '登录已过期，请重新登录',
    required: '请先登录',
    network: '无法连接服务器，请检查网络',
    logoutDone: '已退出登录',
  },
  errors: {
    forbidden: '您没有权限执行此操作，页面已刷新',
    conflict: '该事项已被他人处理或状态已变化，页面已刷新，请重新确认',
    invalid: '提交内容有误：{{message}}',
    network: '网络连接失败，请稍后再试',
    unknown: '操作失败：{{message}}',
  },
  menu: { workbench: '工作台', matters: '事项', data: '数据管理', units: '单位', report: '上报', inbox: '收文签收', sent: '发文签收情况', projects: '专项报送', users: '用户管理' },
  form: { required: '请填写{{label}}', choose: '请选择', latitude: '纬度', longitude: '经度', upload: '上传', searchPlaceholder: '输入关键字搜索', invalid: '{{label}}格式不正确' },
  richText: { bold: '加粗', italic: '斜体', bullets: '项目符号列表', numbers: '编号列表', link: '插入链接', linkPrompt: '链接地址（http、https、mailto 或 tel 开头）' },
  map: {
    label: '位置示意图（只画出有坐标的单位和已有事项的位置，不含道路和边界）',
    noReference: '暂无带坐标的单位或事项可作参照，请直接输入经纬度或使用当前位置',
    useMyLocation: '使用当前位置', noLocation: '无法获取当前位置，请直接输入经纬度', clear: '清除',
  },
  list: { search: '搜索', total: '共 {{total}} 条', empty: '暂无数据', yes: '是', no: '否' },
};
