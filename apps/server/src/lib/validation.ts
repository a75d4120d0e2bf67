import { z } from 'zod';
import { AppError } from '@zhongshu/core';
import { isValidDate } from '@zhongshu/core/calendar/index.ts';

/** Chinese names of request fields, so every validation message names the field a clerk sees. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名', password: '密码', oldPassword: '原密码', newPassword: '新密码',
  title: '标题', instruction: '批示内容', leaderId: '交办领导', assigneeUnitId: '承办单位', assigneeUserId: '责任人',
  urgency: '紧急程度', deadline: '办理期限', date: '日期', days: '工作日天数', type: '期限类型', comment: '意见',
  newDeadline: '新的办理期限', attachmentIds: '附件', classification: '密级',
  name: '名称', shortName: '简称', kind: '类型', parentId: '上级单位', sortOrder: '排序号',
  displayName: '姓名', unitId: '所属单位', post: '岗位', isLeader: '是否领导', leaderRank: '领导职务', disabled: '停用',
  roles: '业务角色', clearance: '密级权限', page: '页码', pageSize: '每页条数', box: '分类', module: '模块',
  state: '状态', flag: '提醒类型', q: '关键词', from: '开始时间', to: '结束时间', actor: '操作人', action: '操作',
  year: '年份', sessionIdleMinutes: '会话空闲超时分钟数', maxUploadMb: '上传大小上限',
  issuerCode: '机关代字', isPrincipal: '主要负责人',
  issuerUnitId: '发文单位', docType: '文种', format: '格式', content: '文稿', rev: '文稿版本', elements: '文稿', body: '正文',
  classificationPeriod: '保密期限', important: '重要公文', coIssuerUnitIds: '联合发文单位', reviewerId: '核稿人', signerIds: '签发领导',
  countersigners: '会签单位或领导', overrideReason: '核稿通过理由', copies: '份数', distribution: '分送范围', retention: '保管期限',
  instructorIds: '批示领导', instructMode: '批示方式', leadUnitId: '承办单位', coopUnitIds: '协办单位', chaserId: '催办人',
  readerIds: '传阅人员', forInformation: '阅知件', createAssignment: '生成交办事项', reply: '答复内容', senderName: '来文单位',
  senderNumber: '来文字号', receivedVia: '收文方式', receivedAt: '收文时间', fileIds: '附件', element: '批注位置', quote: '引文',
  text: '内容', direction: '收发类别', overdue: '仅看逾期', no: '版本号',
  cooperatingUnitIds: '配合单位', sourceKind: '来源类别', sourceRef: '来源文件或会议', sourceDate: '来源日期', sourceLink: '来源记录',
  level: '重要程度', completionStandard: '完成标准', startDate: '开始日期', feedbackCycle: '反馈周期', feedbackDay: '反馈日',
  tasks: '分解任务', target: '目标值', indicator: '指标', unitLabel: '计量单位', weight: '权重', ownerUnitId: '责任单位',
  dispatch: '立即交办', rating: '办理评价', progress: '完成进度', figures: '指标完成值', value: '完成值', taskId: '分解任务',
  points: '扣分分值', dueDate: '整改期限', reason: '事由', assignmentIds: '关联事项', colour: '预警颜色', role: '参与方式', rows: '导入数据',
  receiptWorkdays: '签收时限（工作日）', dueSoonWorkdays: '临期黄灯（工作日）', yellowBehindPoints: '黄灯进度落后（百分点）',
  redBehindPoints: '红灯进度落后（百分点）', yellowMissedFeedbacks: '黄灯未按期反馈（次）', redMissedFeedbacks: '红灯未按期反馈（次）',
  autoEscalateOnRed: '变红自动催办',
  channel: '信访渠道', summary: '摘要', townshipId: '所属乡镇', village: '村（社区）', categoryId: '问题类别', firstOrgan: '首次反映机关',
  superiorRef: '上级转送交办文号', petitioner: '信访人', representatives: '代表', present: '到场人员', peopleCount: '来访人数',
  accusedUnitId: '被反映单位', idNumber: '身份证号', phone: '联系电话', address: '住址', handlingMode: '办理方式', handlingUnitId: '承办单位',
  legalRoute: '法定途径', outcome: '处理意见', evaluation: '评价', personId: '人员', field: '字段', decision: '处理', queryCode: '查询码',
  dayMode: '期限计算方式', similarityThreshold: '相似度阈值', groupSimilarity: '同一事项相似度', matterId: '事项', groupMinCases: '群体性预警件数', groupWindowDays: '群体性预警天数',
  frequentVisits: '重复来访次数',
  fields: '表单字段', unitIds: '征集单位', meetingId: '关联会议', data: '填报内容', description: '说明', mode: '汇总方式',
  typeId: '会议类型', roomId: '会议室', location: '会议地点', startsAt: '开始时间', endsAt: '结束时间', hostId: '主持人', notice: '会议通知',
  replyDeadline: '回执截止时间', acceptsTopics: '征集议题', topicDeadline: '议题申报截止时间', attendees: '参会人员', attendeeId: '参会人员',
  attendeeIds: '参会人员', attendeeNames: '参会人员姓名', leaveReason: '请假事由', code: '签到码', presenter: '汇报人', fileId: '文件',
  audience: '分发范围', withdrawAfter: '会后收回', number: '期数', paragraphs: '纪要正文', decisions: '议定事项', decisionIds: '议定事项',
  capacity: '容纳人数', topicId: '议题', frequentWindowDays: '重复来访天数', month: '月份', escalationReplyWorkdays: '催办回复时限（工作日）', interviewRedThreshold: '约谈提议红灯数（每季度）',
};

/** Where one request field means something else in one module: a petition's receivedAt is its 收到日期, a document's its 收文时间. */
const LABELS_BY_ROUTE: [prefix: string, labels: Record<string, string>][] = [['/api/petitions', { receivedAt: '收到日期' }]];

export function labelOf(path: readonly PropertyKey[], url?: string): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  if (!last) return '请求内容';
  const own = url ? LABELS_BY_ROUTE.find(([prefix]) => url.startsWith(prefix))?.[1][last] : undefined;
  if (own) return own;
  // { deadline: { type, date } }: the date is the 办理期限 itself, not "日期".
  const parent = names[names.length - 2];
  if (last === 'date' && parent && FIELD_LABELS[parent]) return FIELD_LABELS[parent];
  return FIELD_LABELS[last] ?? last;
}

/** Zod's messages in plain Chinese, without the field (the caller prefixes the field's label). */
function reason(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return '不能为空';
      return `类型不正确（应为${({ string: '文字', number: '数字', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<string, string>)[iss.expected] ?? iss.expected}）`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '不能为空' : `至少${iss.minimum}个字符`;
      if (iss.origin === 'array') return `至少选择${iss.minimum}项`;
      return `不能小于${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'string') return `不能超过${iss.maximum}个字符`;
      if (iss.origin === 'array') return `最多${iss.maximum}项`;
      return `不能大于${iss.maximum}`;
    case 'invalid_value':
      if (iss.input === undefined || iss.input === null) return '不能为空';
      return `取值无效（可选：${iss.values.map(String).join('、')}）`;
    case 'unrecognized_keys':
      return `包含不允许的字段：${iss.keys.join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '取值不正确';
    default:
      return '内容不正确';
  }
}

z.config({ customError: (iss) => reason(iss) });

/** Turns the first Zod issue into our VALIDATION_FAILED error naming the field. */
export function validationError(issues: readonly z.core.$ZodIssue[], url?: string): AppError {
  const first = issues[0];
  if (!first) return new AppError('VALIDATION_FAILED');
  const path = first.code === 'unrecognized_keys' ? [...first.path] : first.path;
  const label = labelOf(path, url);
  const field = path.filter((p) => typeof p === 'string' || typeof p === 'number').join('.') || undefined;
  return new AppError('VALIDATION_FAILED', `${label}：${first.message}`, field);
}

/** Parses input against a schema, throwing VALIDATION_FAILED with a Chinese message naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}

// Building blocks shared by schemas.
/**
 * A real calendar date within 1900–2100: "2026-02-30" or "9999-12-31" would otherwise reach the working-day
 * calendar, which throws on the one and counts day by day to the other.
 */
export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '格式应为YYYY-MM-DD' })
  .refine((s) => isValidDate(s), { error: '不是有效的日期', abort: true })
  .refine((s) => s >= '1900-01-01' && s <= '2100-12-31', { error: '应在1900年至2100年之间' });
export const idString = z.string().min(1).max(64);
export const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
