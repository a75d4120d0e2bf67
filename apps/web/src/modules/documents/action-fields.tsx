// The inputs of the 办文 steps that ask for more than an opinion, one component per step, so the
// action modal only decides which to show and how to send them (docs/API.md, the action table).
import { useMemo } from 'react';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DocumentDetail, Finding, Retention } from '../../api/types';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { RETENTION_LABELS } from './document-labels';
import { DistributionEditor, type DistributionDraft } from './distribution-editor';
import { isLeader, isLeaderOrPrincipal, peopleOptions, unitWithAncestors } from './people-options';
import { FindingsList } from './review-notes';

/** Everything any step's form holds; `toBody` in the modal picks what the step sends. */
export type ActionForm = {
  comment?: string;
  reviewerId?: string;
  signerIds?: string[];
  countersignUserIds?: string[];
  countersignUnitIds?: string[];
  overrideReason?: string;
  copies?: number;
  distribution?: DistributionDraft[];
  retention?: Retention;
  instructorIds?: string[];
  instructMode?: 'sequential' | 'parallel';
  leadUnitId?: string;
  coopUnitIds?: string[];
  deadline?: Dayjs;
  chaserId?: string;
  readerIds?: string[];
  forInformation?: boolean;
  createAssignment?: boolean;
  assignmentUnitId?: string;
  assignmentDeadline?: Dayjs;
  assignmentTitle?: string;
  reply?: string;
};

const notBeforeToday = (day: Dayjs) => day.isBefore(dayjs(), 'day');
const unitPicker = { treeDefaultExpandAll: true, showSearch: { treeNodeFilterProp: 'title' } } as const;
const personPicker = { showSearch: { optionFilterProp: 'label' } } as const;

/** Units and people for the pickers, the document's own unit and those above it first. */
export function useActionPickers(detail: DocumentDetail) {
  const directory = useDirectory();
  const { unitTree } = useDirectoryPickers(directory);
  const data = directory.data;
  const options = useMemo(() => {
    const preferUnitIds = unitWithAncestors(data, detail.unitId);
    const signersFirst = peopleOptions(data, { preferUnitIds, only: isLeaderOrPrincipal });
    const others = peopleOptions(data, { only: (user) => !isLeaderOrPrincipal(user) });
    return {
      units: data?.units ?? [],
      everyone: peopleOptions(data, { preferUnitIds }),
      // Anyone may be named, but leaders and 主要负责人 (who must sign 上行文 and important documents) come first.
      signers: [
        ...signersFirst.map((group) => ({ ...group, label: `领导和主要负责人（${group.label}）` })),
        ...others.map((group) => ({ ...group, label: '其他人员' })),
      ],
      leaders: peopleOptions(data, { preferUnitIds, only: isLeader }),
    };
  }, [data, detail.unitId]);
  return { ...options, unitTree, directory };
}

export type ActionPickers = ReturnType<typeof useActionPickers>;

/** 送核稿: 核稿人, 签发领导, and optional 会签 leaders or units. */
export function SubmitFields({ pickers }: { pickers: ActionPickers }) {
  const loading = pickers.directory.isPending;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label="核稿人" name="reviewerId" rules={[{ required: true, message: '请选择核稿人' }]}>
            <Select options={pickers.everyone} {...personPicker} placeholder="选择核稿人" loading={loading} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="签发领导"
            name="signerIds"
            extra="上行文和重要公文须由主要负责人签发；选择多人为联合签发"
            rules={[{ required: true, message: '请选择签发领导' }]}
          >
            <Select mode="multiple" options={pickers.signers} {...personPicker} placeholder="选择签发领导" loading={loading} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label="会签领导" name="countersignUserIds" extra="选填">
            <Select mode="multiple" options={pickers.everyone} {...personPicker} placeholder="选择会签的领导" allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="会签单位" name="countersignUnitIds" extra="选填，由该单位文书办理会签">
            <TreeSelect multiple treeData={pickers.unitTree} {...unitPicker} placeholder="选择会签单位" allowClear />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 核稿通过 while error findings remain (条例 第20条): the errors, and the reason to pass them anyway. */
export function OverrideReasonFields({ errorFindings }: { errorFindings: Finding[] }) {
  return (
    <>
      {errorFindings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`文稿仍有 ${errorFindings.length} 处错误`}
          description={<FindingsList findings={errorFindings} />}
        />
      ) : null}
      <Form.Item label="仍予通过的理由" name="overrideReason" rules={[{ required: true, whitespace: true, message: '文稿仍有错误，核稿通过须填写理由' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="说明这些错误为何可以不改" />
      </Form.Item>
    </>
  );
}

/** 编号登记: 印发份数 and the 分发 list. */
export function RegisterFields({ pickers }: { pickers: ActionPickers }) {
  const distribution = Form.useWatch<DistributionDraft[] | undefined>('distribution');
  const copies = (distribution ?? []).reduce((sum, row) => sum + (row.copies || 0), 0);
  return (
    <>
      <Form.Item label="印发份数" name="copies" rules={[{ required: true, message: '请填写印发份数' }]} extra="含存档份数">
        <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        label="分发范围"
        name="distribution"
        extra={distribution?.length ? `共 ${distribution.length} 家，${copies} 份；按正文的主送、抄送机关生成，可修改` : '按正文的主送、抄送机关生成，可修改'}
      >
        <DistributionEditor units={pickers.units} />
      </Form.Item>
    </>
  );
}

/** 归档: 保管期限. */
export function RetentionField() {
  return (
    <Form.Item label="保管期限" name="retention" rules={[{ required: true, message: '请选择保管期限' }]}>
      <Radio.Group optionType="button" options={(Object.keys(RETENTION_LABELS) as Retention[]).map((value) => ({ value, label: RETENTION_LABELS[value] }))} />
    </Form.Item>
  );
}

/**
 * 拟办 (条例 第24条): leaders to give 批示 (in turn or at once), or a 承办 unit directly, or 阅知件;
 * an urgent document must carry a deadline and an urgent or important one a named 催办人.
 */
export function ProposeFields({ detail, pickers }: { detail: DocumentDetail; pickers: ActionPickers }) {
  const forInformation = Form.useWatch<boolean | undefined>('forInformation') === true;
  const instructorIds = Form.useWatch<string[] | undefined>('instructorIds');
  const urgent = detail.urgency !== 'normal';
  const needsChaser = urgent || detail.important;
  return (
    <>
      <Form.Item name="forInformation" valuePropName="checked" style={{ marginBottom: 12 }}>
        <Checkbox>阅知件（无需办理，传阅后办结）</Checkbox>
      </Form.Item>
      {!forInformation ? (
        <>
          <Row gutter={12}>
            <Col xs={24} md={16}>
              <Form.Item label="呈批领导" name="instructorIds" extra="不呈领导批示时可直接指定承办单位">
                <Select mode="multiple" options={pickers.leaders} {...personPicker} placeholder="选择呈批的领导" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {(instructorIds?.length ?? 0) > 1 ? (
                <Form.Item label="批示方式" name="instructMode">
                  <Radio.Group
                    options={[
                      { value: 'sequential', label: '依次' },
                      { value: 'parallel', label: '同时' },
                    ]}
                  />
                </Form.Item>
              ) : null}
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="承办单位" name="leadUnitId">
                <TreeSelect treeData={pickers.unitTree} {...unitPicker} placeholder="选择承办单位" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="协办单位" name="coopUnitIds">
                <TreeSelect multiple treeData={pickers.unitTree} {...unitPicker} placeholder="选择协办单位" allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label="办理期限"
                name="deadline"
                extra={urgent ? '条例第24条：紧急公文应当明确办理时限' : undefined}
                rules={[{ required: urgent, message: '请选择办理期限' }]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={notBeforeToday} placeholder="选择办理期限" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="催办人"
                name="chaserId"
                extra={needsChaser ? '条例第24条：紧急或重要公文应当由专人负责催办' : undefined}
                rules={[{ required: needsChaser, message: '请选择催办人' }]}
              >
                <Select options={pickers.everyone} {...personPicker} placeholder="选择催办人" allowClear />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}
      <Form.Item label="传阅人员" name="readerIds" extra="选填，传阅人员阅后标记“阅毕”">
        <Select mode="multiple" options={pickers.everyone} {...personPicker} placeholder="选择传阅人员" allowClear />
      </Form.Item>
    </>
  );
}

/** 批示: optional 承办单位 and 期限, and optionally a 领导交办 created from it. */
export function InstructFields({ detail, pickers }: { detail: DocumentDetail; pickers: ActionPickers }) {
  const form = Form.useFormInstance<ActionForm>();
  const wantsAssignment = Form.useWatch<boolean | undefined>('createAssignment') === true;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label="承办单位" name="leadUnitId" extra="选填">
            <TreeSelect treeData={pickers.unitTree} {...unitPicker} placeholder="选择承办单位" allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="办理期限" name="deadline" extra="选填">
            <DatePicker style={{ width: '100%' }} disabledDate={notBeforeToday} placeholder="选择办理期限" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="createAssignment" valuePropName="checked" style={{ marginBottom: wantsAssignment ? 8 : 0 }}>
        <Checkbox
          data-testid="create-assignment"
          onChange={(event) => {
            // Start the 交办 from the 承办单位 and 期限 already chosen for the document.
            if (!event.target.checked) return;
            const values = form.getFieldsValue(['leadUnitId', 'deadline', 'assignmentUnitId', 'assignmentDeadline']) as ActionForm;
            form.setFieldsValue({
              assignmentUnitId: values.assignmentUnitId ?? values.leadUnitId,
              assignmentDeadline: values.assignmentDeadline ?? values.deadline,
            });
          }}
        >
          同时生成督查事项（领导批示）
        </Checkbox>
      </Form.Item>
      {wantsAssignment ? (
        <div style={{ padding: '8px 12px 0', background: '#fafafa', borderRadius: 4 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="交办承办单位" name="assignmentUnitId" rules={[{ required: true, message: '请选择交办事项的承办单位' }]}>
                <TreeSelect treeData={pickers.unitTree} {...unitPicker} placeholder="选择承办单位" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="交办期限" name="assignmentDeadline" rules={[{ required: true, message: '请选择交办事项的办理期限' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={notBeforeToday} placeholder="选择期限" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="交办事项标题" name="assignmentTitle" extra="不填则使用公文标题">
            <Input maxLength={100} placeholder={detail.title} />
          </Form.Item>
        </div>
      ) : null}
    </>
  );
}

/** 办结: the 答复 to the sender, besides the 办理结果 in the opinion box. */
export function ReplyField({ detail }: { detail: DocumentDetail }) {
  return (
    <Form.Item label="答复内容" name="reply" extra={detail.senderName ? `答复来文单位（${detail.senderName}），选填` : '选填'}>
      <Input.TextArea rows={3} maxLength={2000} showCount placeholder="需要答复来文单位时填写" />
    </Form.Item>
  );
}
