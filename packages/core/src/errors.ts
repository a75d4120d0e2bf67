/**
 * The one error catalogue: every error a user can cause has a stable code, an HTTP status and a
 * Chinese message that says what to do. Servers map codes to status here and nowhere else.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  MALFORMED_REQUEST: { status: 400, message: '请求格式不正确（不是有效的JSON）' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  CSRF_REJECTED: { status: 403, message: '请求校验失败，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  ADMIN_NO_BUSINESS_ACCESS: { status: 403, message: '系统管理员、安全保密管理员和安全审计员不能查看业务内容' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录或密码已重置，请先修改密码' },
  CLEARANCE_INSUFFICIENT: { status: 403, message: '您的密级权限不足，不能查看该内容' },
  NOT_FOUND: { status: 404, message: '要查找的内容不存在或已被删除' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方法' },
  WORKFLOW_UNKNOWN_ACTION: { status: 400, message: '未知的操作' },
  WORKFLOW_ACTION_NOT_ALLOWED: { status: 409, message: '当前状态下不能执行该操作' },
  WORKFLOW_FORBIDDEN: { status: 403, message: '您无权执行该操作' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用，请换一个' },
  UNIT_NOT_EMPTY: { status: 409, message: '该单位下还有下级单位、用户或业务记录，不能删除' },
  ADMIN_ROLE_CONFLICT: { status: 409, message: '三员（系统管理员、安全保密管理员、安全审计员）不能兼任，也不能同时担任业务角色' },
  PASSWORD_POLICY: { status: 400, message: '密码不符合要求' },
  PASSWORD_WRONG: { status: 400, message: '原密码不正确' },
  ACCOUNT_LOCKED: { status: 423, message: '账号已锁定，请稍后再试或联系系统管理员解锁' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  FILE_TOO_LARGE: { status: 413, message: '文件超过大小上限' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  IMPORT_FAILED: { status: 400, message: '导入文件有误，请按错误清单修改后重新导入' },
  DOCUMENT_NUMBER_TAKEN: { status: 409, message: '该发文字号已被占用' },
  DOCUMENT_NUMBER_NOT_FOUND: { status: 404, message: '该发文字号尚未分配' },
  DOCUMENT_NUMBER_NOT_RESERVED: { status: 409, message: '只有预留未用的发文字号可以释放' },
  DOCUMENT_NUMBER_VOID_REASON_REQUIRED: { status: 400, message: '作废发文字号必须填写原因' },
  DOCUMENT_NUMBER_INVALID: { status: 400, message: '发文字号的机关代字、年份或序号不正确' },
  DOCUMENT_EDIT_CONFLICT: { status: 409, message: '文稿已被他人修改，请刷新后再编辑（您未保存的内容已保留在本机）' },
  DOCUMENT_READ_ONLY: { status: 409, message: '当前环节不能修改文稿' },
  PETITION_FINAL: { status: 409, message: '该信访人以同一事实和理由提出的信访事项已经复核终结，不再受理' },
  PETITION_LIMIT_PASSED: { status: 409, message: '已超过规定时限，不能再办理此步骤' },
  PETITION_EDIT_LOCKED: { status: 409, message: '该信访事项当前不能修改登记内容或附件' },
  DOCUMENT_UNRESOLVED_ERRORS: { status: 409, message: '文稿仍有未解决的错误，核稿通过须填写理由' },
  DOCUMENT_PRINCIPAL_REQUIRED: { status: 400, message: '上行文和重要公文须由主要负责人签发' },
  DOCUMENT_TOP_SECRET_NO_DOWNLOAD: { status: 403, message: '绝密公文只能在系统内阅读，不能下载、打印或复制' },
  DOCUMENT_NO_ISSUER_CODE: { status: 409, message: '发文单位尚未设置机关代字，请系统管理员在单位管理中设置' },
  ROOM_BOOKED: { status: 409, message: '该会议室在这个时段已被预订，请换一个会议室或时段' },
  MEETING_REPLY_CLOSED: { status: 409, message: '回执截止时间已过，不能再报送回执，请直接与会务人员联系' },
  MEETING_SIGN_IN_CLOSED: { status: 409, message: '签到尚未开始或已经结束' },
  MEETING_SIGN_IN_CODE_WRONG: { status: 400, message: '签到码不正确，请核对会场屏幕上的签到码' },
  MEETING_MATERIAL_WITHDRAWN: { status: 403, message: '该材料已在会后收回，不能再查看或下载' },
  COLLECTION_CLOSED: { status: 409, message: '该征集已结束，不能再填报' },
  COLLECTION_ALREADY_SUBMITTED: { status: 409, message: '已报送，如需修改请联系党办退回' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统内部错误，已记录，请联系系统管理员' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error a user can cause, carrying its stable code and (for validation) the field it concerns. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  /** Every field in error at once, by path (a form with many mistakes is corrected in one pass); `field` is the first. */
  readonly fields?: Record<string, string>;
  readonly status: number;
  constructor(code: ErrorCode, message?: string, field?: string, fields?: Record<string, string>) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.code = code;
    this.field = field;
    this.fields = fields;
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
