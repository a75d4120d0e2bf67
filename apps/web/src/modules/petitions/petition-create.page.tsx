import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, TreeSelect, type FormInstance, type UploadFile } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import type { FileRef } from '../../api/types';
import { FileUpload, uploadedIds } from '../../shared/file-upload';
import { PageHeader } from '../../shared/page-header';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import { useCreatePetition, usePetitionCategories, type Channel, type FirstOrgan, type PersonInput, type PetitionCreateInput, type PetitionKind } from './petitions.api';
import { CHANNEL_LABELS, FIRST_ORGAN_LABELS, KIND_LABELS, MAX_REPRESENTATIVES, optionsOf } from './petition-labels';
import { MATTER_RULES, usePetitionUnitPickers } from './petition-parts';
import { fieldPath, idNumberRules, phoneRules, toPersonInput } from './person-rules';
import './petitions.css';

type PersonRow = { name?: string; idNumber?: string; phone?: string; address?: string };

/** Field names follow the request body, so a server message lands on its field by its own path. */
type CreateForm = {
  channel?: Channel;
  kind?: PetitionKind;
  receivedAt: Dayjs;
  firstOrgan?: FirstOrgan;
  superiorRef?: string;
  summary: string;
  content: string;
  townshipId?: string;
  village?: string;
  categoryId?: string;
  accusedUnitId?: string;
  petitioner: PersonRow;
  peopleCount?: number | null;
  representatives?: PersonRow[];
  present?: PersonRow[];
};

const DATE = 'YYYY-MM-DD';
const CHANNEL_OPTIONS = optionsOf(CHANNEL_LABELS);
const FIRST_ORGAN_OPTIONS = optionsOf(FIRST_ORGAN_LABELS);
const REPRESENTATIVE_LIMIT_MESSAGE = `集体访代表不得超过${MAX_REPRESENTATIVES}人`;
/** More people on the form than a visit can bring would only be a typing mistake. */
const MAX_PRESENT = 50;

type FieldName = Parameters<FormInstance<CreateForm>['setFields']>[0][number]['name'];

/** Puts a server message beside the field it names ("petitioner.phone", "representatives.1.name", "representatives"). */
function showCreateError(form: FormInstance<CreateForm>, error: unknown): boolean {
  if (!isApiError(error) || !error.field) return false;
  const parts = fieldPath(error.field);
  const path = parts as FieldName;
  const top = String(parts[0]);
  const known = ['channel', 'kind', 'receivedAt', 'firstOrgan', 'superiorRef', 'summary', 'content', 'townshipId', 'village', 'categoryId', 'accusedUnitId', 'petitioner', 'peopleCount', 'representatives', 'present'];
  if (!known.includes(top)) return false;
  form.setFields([{ name: path, errors: [error.message] }]);
  form.scrollToField(path, { block: 'center' });
  return true;
}

type PersonField = 'name' | 'id-number' | 'phone' | 'address';

/** One person's name, identity number, phone and address; `prefix` names the Form.List row or the petitioner group. */
function PersonFields({ prefix, testId, withAddress, requiredName }: { prefix: (string | number)[]; testId: (field: PersonField) => string; withAddress: boolean; requiredName: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={withAddress ? 6 : 8}>
        <Form.Item label="姓名" name={[...prefix, 'name']} rules={requiredName ? [{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不超过50字' }] : []}>
          <Input maxLength={50} data-testid={testId('name')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={withAddress ? 6 : 8}>
        <Form.Item label="身份证号" name={[...prefix, 'idNumber']} rules={idNumberRules} validateTrigger="onBlur">
          <Input maxLength={18} data-testid={testId('id-number')} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={withAddress ? 5 : 8}>
        <Form.Item label="联系电话" name={[...prefix, 'phone']} rules={phoneRules(false)} validateTrigger="onBlur">
          <Input maxLength={20} data-testid={testId('phone')} autoComplete="off" />
        </Form.Item>
      </Col>
      {withAddress ? (
        <Col xs={24} md={7}>
          <Form.Item label="住址" name={[...prefix, 'address']} rules={[{ max: 200, message: '住址不超过200字' }]}>
            <Input maxLength={200} data-testid={testId('address')} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

/** /petitions/new — 信访登记: the case, the petitioner and, for a visit, who came; the server looks for repeats on save. */
export function PetitionCreatePage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreatePetition();
  const categories = usePetitionCategories();
  const directory = useDirectory();
  const { unitTree, townshipTree } = usePetitionUnitPickers(directory);
  const [formError, setFormError] = useState<string | null>(null);
  /** 来信原件/附件: uploaded as picked, attached (as 来信原件) by the registration. */
  const [files, setFiles] = useState<UploadFile<FileRef>[]>([]);
  const channel = Form.useWatch('channel', form);
  const kind = Form.useWatch('kind', form);
  const peopleCount = Form.useWatch('peopleCount', form) ?? 1;
  const isVisit = channel === 'visit';
  const isGroup = isVisit && peopleCount > 1;

  const categoryOptions = useMemo(
    () => (categories.data ?? []).filter((category) => !category.disabled).map((category) => ({ value: category.id, label: category.name })),
    [categories.data],
  );

  const onFinish = (values: CreateForm) => {
    setFormError(null);
    if (files.some((file) => file.status === 'uploading')) {
      message.warning('附件仍在上传，请稍候再登记');
      return;
    }
    const input: PetitionCreateInput = {
      channel: values.channel!,
      kind: values.kind!,
      summary: values.summary.trim(),
      content: values.content.trim(),
      townshipId: values.townshipId!,
      categoryId: values.categoryId!,
      firstOrgan: values.firstOrgan!,
      petitioner: toPersonInput(values.petitioner),
    };
    if (values.village?.trim()) input.village = values.village.trim();
    if (values.channel === 'superior' && values.superiorRef?.trim()) input.superiorRef = values.superiorRef.trim();
    // Today is the server's default; sending it only when it differs keeps the server's clock (Asia/Shanghai) in charge.
    if (values.receivedAt && !values.receivedAt.isSame(dayjs(), 'day')) input.receivedAt = values.receivedAt.format(DATE);
    if (values.kind === 'accusation' && values.accusedUnitId) input.accusedUnitId = values.accusedUnitId;
    const fileIds = uploadedIds(files);
    if (fileIds.length) input.fileIds = fileIds;
    if (values.channel === 'visit') {
      input.peopleCount = values.peopleCount ?? 1;
      const present: PersonInput[] = (values.present ?? []).filter((row) => row.name?.trim()).map(toPersonInput);
      if (present.length) input.present = present;
      if (input.peopleCount > 1) input.representatives = (values.representatives ?? []).map(toPersonInput);
    }
    create.mutate(input, {
      onSuccess: ({ id, matches }) => {
        const open = matches.filter((match) => !match.dismissed);
        if (open.length) message.warning(`登记成功，发现${open.length}件疑似重复信访，请核对`);
        else message.success('信访事项已登记');
        navigate(`/petitions/${id}`, { replace: true, state: { registeredMatches: open.length } });
      },
      onError: (error) => {
        if (showCreateError(form, error)) return;
        // 409 PETITION_FINAL names the earlier case that was decided on 复核: it stays on screen, not in a passing toast.
        if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) setFormError(error.message);
        else toastError(error);
      },
    });
  };

  return (
    <div>
      <PageHeader
        title="信访登记"
        subtitle="登记来信、来访、网上信访等信访事项；保存时系统自动比对同一信访人和相似内容，提示疑似重复信访"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/petitions')} />}
      />
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' });
        }}
        initialValues={{ receivedAt: dayjs(), peopleCount: 1, petitioner: {}, representatives: [], present: [] }}
        scrollToFirstError={false}
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="pt-create-error" /> : null}
        <div className="zs-panel">
          <h3 className="pt-section-title">信访事项</h3>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="信访渠道" name="channel" rules={MATTER_RULES.channel}>
                <Select options={CHANNEL_OPTIONS} placeholder="请选择" data-testid="pt-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="收到日期" name="receivedAt" rules={MATTER_RULES.receivedAt}>
                <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} allowClear={false} data-testid="pt-received-at" />
              </Form.Item>
            </Col>
            {channel === 'superior' ? (
              <Col xs={24} md={8}>
                <Form.Item label="上级转送交办文号" name="superiorRef" rules={MATTER_RULES.superiorRef}>
                  <Input maxLength={100} placeholder="如：市信转〔2026〕15号" data-testid="pt-superior-ref" />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          <Form.Item label="信访事项类型" name="kind" rules={MATTER_RULES.kind}>
            <Radio.Group data-testid="pt-kind" optionType="button" buttonStyle="solid" options={optionsOf(KIND_LABELS)} />
          </Form.Item>
          {kind === 'accusation' ? (
            <Form.Item label="被反映单位" name="accusedUnitId" extra="检举控告类事项对被反映单位的人员不可见（列表、检索、导出和统计中均不显示）">
              <TreeSelect
                treeData={unitTree}
                placeholder="选择被反映单位（本系统内的单位）"
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                data-testid="pt-accused-unit"
              />
            </Form.Item>
          ) : null}
          <Form.Item
            label="首次信访机关"
            name="firstOrgan"
            rules={[{ required: true, message: '请选择信访人此前是否到过其他机关' }]}
            extra="用于判断是否越级信访"
          >
            <Radio.Group data-testid="pt-first-organ" options={FIRST_ORGAN_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="摘要"
            name="summary"
            rules={MATTER_RULES.summary}
          >
            <Input maxLength={200} showCount placeholder="一句话概括反映的问题和诉求" data-testid="pt-summary" />
          </Form.Item>
          <Form.Item
            label="信访内容"
            name="content"
            rules={MATTER_RULES.content}
          >
            <Input.TextArea rows={6} maxLength={20000} showCount placeholder="信访人反映的事实、理由和诉求" data-testid="pt-content" />
          </Form.Item>
          <Form.Item label="来信原件/附件" extra="选填：来信扫描件、信访人提交的材料，登记后作为来信原件附在事项上" data-testid="pt-create-files">
            <FileUpload files={files} onChange={setFiles} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="所属乡镇" name="townshipId" rules={[{ required: true, message: '请选择问题发生地所属乡镇' }]}>
                <TreeSelect
                  treeData={townshipTree}
                  placeholder="选择乡镇"
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandAll
                  loading={directory.isPending}
                  data-testid="pt-township"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="村（社区）" name="village" rules={MATTER_RULES.village}>
                <Input maxLength={100} placeholder="选填" data-testid="pt-village" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="问题类别" name="categoryId" rules={MATTER_RULES.categoryId}>
                <Select options={categoryOptions} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} loading={categories.isPending} data-testid="pt-category" />
              </Form.Item>
            </Col>
          </Row>
        </div>

        <div className="zs-panel">
          <h3 className="pt-section-title">信访人</h3>
          <PersonFields prefix={['petitioner']} testId={(field) => `pt-${field}`} withAddress requiredName />
          {isVisit ? (
            <Form.Item
              label="来访人数"
              name="peopleCount"
              rules={[
                { required: true, message: '请填写来访人数' },
                { type: 'integer', min: 1, message: '来访人数至少为1' },
              ]}
              extra={isGroup ? '多人来访为集体访，须推选1至5名代表' : '多人来访时填写实际人数'}
            >
              <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="pt-people-count" />
            </Form.Item>
          ) : null}
        </div>

        {isGroup ? (
          <div className="zs-panel" data-testid="pt-representatives">
            <h3 className="pt-section-title">集体访代表</h3>
            <Form.List
              name="representatives"
              rules={[
                {
                  validator: (_rule, rows: PersonRow[] | undefined) => {
                    const count = rows?.length ?? 0;
                    if (count < 1) return Promise.reject(new Error('集体访须登记至少1名代表'));
                    if (count > MAX_REPRESENTATIVES) return Promise.reject(new Error(REPRESENTATIVE_LIMIT_MESSAGE));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} className="pt-person-row" data-testid={`pt-rep-${index}`}>
                      <Space align="center" style={{ marginBottom: 4 }}>
                        <strong>代表{index + 1}</strong>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除代表${index + 1}`} onClick={() => remove(field.name)} />
                      </Space>
                      <PersonFields prefix={[field.name]} testId={(name) => `pt-rep-${name}-${index}`} withAddress={false} requiredName />
                    </div>
                  ))}
                  <Space align="center" wrap>
                    <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= MAX_REPRESENTATIVES} data-testid="pt-add-rep">
                      添加代表
                    </Button>
                    {fields.length >= MAX_REPRESENTATIVES ? (
                      <span className="zs-text-due-soon" data-testid="pt-rep-limit">
                        {REPRESENTATIVE_LIMIT_MESSAGE}
                      </span>
                    ) : (
                      <span className="zs-text-muted">
                        已登记{fields.length}人，最多{MAX_REPRESENTATIVES}人
                      </span>
                    )}
                  </Space>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </div>
        ) : null}

        {isVisit ? (
          <div className="zs-panel" data-testid="pt-present">
            <h3 className="pt-section-title">其他到场人员</h3>
            <Form.List name="present">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} className="pt-person-row">
                      <Space align="center" style={{ marginBottom: 4 }}>
                        <strong>到场人员{index + 1}</strong>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除到场人员${index + 1}`} onClick={() => remove(field.name)} />
                      </Space>
                      <PersonFields prefix={[field.name]} testId={(name) => `pt-present-${name}-${index}`} withAddress={false} requiredName />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= MAX_PRESENT} data-testid="pt-add-present">
                    添加到场人员
                  </Button>
                </>
              )}
            </Form.List>
          </div>
        ) : null}

        <div className="zs-panel">
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="pt-submit">
              登记
            </Button>
            <Button onClick={() => navigate('/petitions')}>取消</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
