// Chinese names for audit action codes, so the audit administrator reads 登录失败 rather than auth.login_failed.
// Codes not listed here are shown as they are.
const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '锁定期间尝试登录',
  'auth.account_locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'org.unit_create': '新增单位',
  'org.unit_update': '修改单位',
  'org.unit_delete': '删除单位',
  'org.user_create': '新建用户',
  'org.user_update': '修改用户',
  'org.user_reset_password': '重置密码',
  'org.user_unlock': '解锁账号',
  'org.user_security': '设置角色与密级',
  'org.import': '批量导入',
  'org.seed_demo': '创建演示数据',
  'org.admin_create': '创建三员账号',
  'org.admin_reset': '重置三员账号',
  'admin.settings': '修改系统设置',
  'admin.calendar_override': '录入节假日调整',
  'admin.calendar_override_delete': '删除节假日调整',
  'audit.export': '导出审计日志',
  'audit.verify': '校验哈希链',
  'file.upload': '上传附件',
  'file.download': '下载附件',
  'assignment.create': '交办：新建',
  'assignment.read_classified': '交办：查阅涉密内容',
  'assignment.remind_due_soon': '交办：到期提醒',
  'assignment.remind_overdue': '交办：逾期催办',
  'assignment.sign': '交办：签收',
  'assignment.report_progress': '交办：报告进展',
  'assignment.request_extension': '交办：申请延期',
  'assignment.approve_extension': '交办：同意延期',
  'assignment.refuse_extension': '交办：不同意延期',
  'assignment.report_completion': '交办：报告办结',
  'assignment.confirm': '交办：确认办结',
  'assignment.send_back': '交办：退回重办',
  'assignment.cancel': '交办：撤销',
};

const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  assignment: '交办',
  file: '附件',
  settings: '设置',
  calendar: '日历',
  audit: '审计日志',
};

export function auditActionLabel(code: string): string | null {
  return ACTION_LABELS[code] ?? null;
}

export function auditEntityLabel(type: string): string {
  return ENTITY_LABELS[type] ?? type;
}

export const AUDIT_ACTION_OPTIONS = Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
