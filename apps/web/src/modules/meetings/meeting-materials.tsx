import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Empty, Form, Input, Modal, Progress, Select, Space, Switch, Tag, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Clearance, FileRef } from '../../api/types';
import { useMe } from '../../app/auth';
import { showFieldError } from '../../shared/form-errors';
import { formatFileSize } from '../../shared/format';
import { ResponsiveList } from '../../shared/responsive-list';
import { CLEARANCE_LABELS } from '../../shared/labels';
import { uploadFile } from '../../shared/file-upload';
import { useErrorToast } from '../../shared/use-error-toast';
import {
  collectionSummaryPath,
  downloadCollectionSummary,
  downloadMaterial,
  materialDownloadPath,
  useDeleteMaterial,
  type Attendee,
  type Material,
  type MaterialInput,
  type MeetingDetail,
  type Topic,
} from './meetings.api';
import { ClassificationTag } from './meeting-parts';

const CLEARANCE_ORDER: Clearance[] = ['none', 'secret', 'confidential', 'top_secret'];

type MaterialForm = { title?: string; classification: Clearance; topicId?: string; audience: string[]; withdrawAfter: boolean };

/**
 * 上传材料: the file first (files API), then the material with its 密级, audience and 会后收回. The 密级 offered stops
 * at the uploader's own clearance, as the server requires.
 */
export function MaterialUploadModal({
  title,
  attendees,
  topics,
  fixedTopicId,
  pending,
  onSubmit,
  onClose,
}: {
  title: string;
  attendees?: Attendee[];
  topics?: Topic[];
  fixedTopicId?: string;
  pending: boolean;
  onSubmit: (input: MaterialInput, handlers: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
  onClose: () => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaterialForm>();
  const [files, setFiles] = useState<UploadFile<FileRef>[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const uploaded = files.find((f) => f.status === 'done' && f.response)?.response ?? null;
  const uploading = files.some((f) => f.status === 'uploading');
  const myLevel = CLEARANCE_ORDER.indexOf(me.clearance);
  const classificationOptions = CLEARANCE_ORDER.map((value, index) => ({ value, label: CLEARANCE_LABELS[value], disabled: index > myLevel }));

  const onFinish = (values: MaterialForm) => {
    setFormError(null);
    if (!uploaded) {
      setFileError(uploading ? '文件正在上传，请稍候' : '请选择要上传的文件');
      return;
    }
    const input: MaterialInput = {
      fileId: uploaded.id,
      title: (values.title ?? '').trim() || uploaded.name.replace(/\.[^.]+$/, ''),
      classification: values.classification,
      audience: values.audience.length ? values.audience : null,
      withdrawAfter: values.withdrawAfter,
    };
    const topicId = fixedTopicId ?? values.topicId;
    if (topicId) input.topicId = topicId;
    onSubmit(input, {
      onSuccess: () => {
        message.success('材料已上传');
        onClose();
      },
      onError: (error) => {
        if (!showFieldError(form, error, { fileId: 'title' })) setFormError(error instanceof Error ? error.message : '上传未成功');
      },
    });
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存材料"
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'action-submit', disabled: uploading }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Form<MaterialForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ classification: 'none', audience: [], withdrawAfter: false }}>
        <Form.Item label="文件" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload<FileRef>
            maxCount={1}
            fileList={files}
            onChange={({ fileList }) => {
              setFiles(fileList);
              setFileError(null);
              const done = fileList.find((f) => f.status === 'done' && f.response)?.response;
              if (done && !form.getFieldValue('title')) form.setFieldValue('title', done.name.replace(/\.[^.]+$/, ''));
            }}
            customRequest={({ file, onSuccess, onError }) => {
              uploadFile(file as File)
                .then((ref) => onSuccess?.(ref))
                .catch((error: unknown) => {
                  const text = error instanceof Error ? error.message : '上传失败';
                  setFileError(`${(file as File).name}：${text}`);
                  onError?.(new Error(text));
                });
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="material-file">
              选择文件
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item label="材料名称" name="title" rules={[{ max: 200, message: '材料名称不超过200字' }]} extra="不填则用文件名">
          <Input maxLength={200} data-testid="material-title" />
        </Form.Item>
        <Form.Item label="密级" name="classification" extra="涉密材料只发给密级相符的参会人员；不能高于本人的密级">
          <Select options={classificationOptions} data-testid="material-classification" />
        </Form.Item>
        {topics && !fixedTopicId ? (
          <Form.Item label="所属议题" name="topicId">
            <Select allowClear placeholder="不属于某一议题" options={topics.map((t) => ({ value: t.id, label: `${t.seq}. ${t.title}` }))} data-testid="material-topic" />
          </Form.Item>
        ) : null}
        {attendees ? (
          <Form.Item label="发放范围" name="audience" extra="不选则发给全体参会人员">
            <Select
              mode="multiple"
              allowClear
              placeholder="全体参会人员"
              options={attendees.map((a) => ({ value: a.id, label: `${a.name}（${a.roleLabel}）` }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="material-audience"
            />
          </Form.Item>
        ) : null}
        <Form.Item label="会后收回" name="withdrawAfter" valuePropName="checked" extra="会议结束后，参会人员不能再下载">
          <Switch data-testid="material-withdraw-after" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A material's download link: the real address (for copying), fetched through the API client so a refusal shows as a message. */
export function MaterialLink({ meetingId, material, children }: { meetingId: string; material: Material; children?: React.ReactNode }) {
  const toastError = useErrorToast();
  return (
    <a
      href={`/api${materialDownloadPath(meetingId, material.id)}`}
      data-testid="material-download"
      onClick={(event) => {
        event.preventDefault();
        void downloadMaterial(meetingId, material).catch(toastError);
      }}
    >
      {children ?? (
        <>
          <DownloadOutlined /> 下载
        </>
      )}
    </a>
  );
}

function audienceText(material: Material, attendees: Attendee[]): string {
  if (!material.audience) return '全体参会人员';
  const names = material.audience.map((id) => attendees.find((a) => a.id === id)?.name).filter(Boolean);
  return names.length ? names.join('、') : `${material.audience.length}个参会人员`;
}

/** 会议材料: the materials the reader may open, the office's upload and delete, and the attached 情况征集. */
export function MaterialsPanel({ meeting, onUpload }: { meeting: MeetingDetail; onUpload: () => void }) {
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const remove = useDeleteMaterial(meeting.id);
  const manage = meeting.canManage;
  const topicTitle = (id: string | null) => (id ? meeting.topics.find((t) => t.id === id)?.title ?? null : null);

  const confirmDelete = (material: Material) =>
    modal.confirm({
      title: `删除材料“${material.title}”？`,
      content: '删除后参会人员不能再查看该材料。',
      okText: '删除',
      okButtonProps: { danger: true, 'data-testid': 'action-submit' },
      onOk: () =>
        remove
          .mutateAsync(material.id)
          .then(() => void message.success('材料已删除'))
          .catch(toastError),
    });

  const columns: TableColumnsType<Material> = [
    {
      title: '材料',
      dataIndex: 'title',
      render: (title: string, m) => (
        <div>
          <div>{title}</div>
          <div className="zs-cell-sub">
            {m.fileName} · {formatFileSize(m.size)}
            {topicTitle(m.topicId) ? ` · 议题：${topicTitle(m.topicId)}` : ''}
          </div>
        </div>
      ),
    },
    { title: '密级', dataIndex: 'classification', width: 80, render: (_v, m) => <ClassificationTag classification={m.classification} showNone /> },
    { title: '发放范围', dataIndex: 'audience', width: 200, render: (_v, m) => <span className="zs-cell-sub">{audienceText(m, meeting.attendees)}</span> },
    {
      title: '收回',
      dataIndex: 'withdrawAfter',
      width: 110,
      render: (_v, m) => (
        <Space size={4} wrap>
          {m.withdrawAfter ? (
            <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="material-withdraw-tag">
              会后收回
            </Tag>
          ) : null}
          {m.withdrawn ? (
            <Tag color="default" style={{ marginInlineEnd: 0 }} data-testid="material-withdrawn">
              已收回
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: manage ? 130 : 80,
      render: (_v, m) => (
        <Space size={8}>
          {m.withdrawn && !manage ? <span className="zs-text-muted">已收回</span> : <MaterialLink meetingId={meeting.id} material={m} />}
          {manage ? (
            <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(m)} data-testid="material-delete" aria-label={`删除${m.title}`} />
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div>
      {manage && meeting.state !== 'cancelled' ? (
        <div className="mt-panel-tools">
          <Button icon={<UploadOutlined />} onClick={onUpload} data-testid="material-upload">
            上传材料
          </Button>
        </div>
      ) : null}
      {meeting.materials.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无会议材料" />
      ) : (
        <ResponsiveList<Material>
          items={meeting.materials}
          columns={columns}
          size="small"
          rowData={(m) => ({ 'data-testid': 'material-row', 'data-title': m.title })}
          rowClassName={(m) => (m.withdrawn ? 'mt-row-withdrawn' : '')}
          card={(m) => (
            <>
              <div className="zs-item-card-title">
                {m.title} <ClassificationTag classification={m.classification} showNone />
              </div>
              <div className="zs-cell-sub">
                {m.fileName} · {formatFileSize(m.size)} · {audienceText(m, meeting.attendees)}
              </div>
              <div className="zs-item-card-meta" style={{ marginTop: 6 }}>
                <Space size={4}>
                  {m.withdrawAfter ? <Tag color="gold">会后收回</Tag> : null}
                  {m.withdrawn ? <Tag>已收回</Tag> : null}
                </Space>
                <Space size={8}>
                  {m.withdrawn && !manage ? null : <MaterialLink meetingId={meeting.id} material={m} />}
                  {manage ? <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(m)} aria-label={`删除${m.title}`} /> : null}
                </Space>
              </div>
            </>
          )}
        />
      )}

      <h3 className="mt-section-title" style={{ marginTop: 24 }}>
        情况征集
      </h3>
      {meeting.collections.length ? (
        <div className="mt-collections">
          {meeting.collections.map((c) => (
            <div key={c.id} className="mt-collection" data-testid="meeting-collection" data-title={c.title}>
              <div className="mt-collection-main">
                <Link to={`/collections/${encodeURIComponent(c.id)}`} data-testid="meeting-collection-link">
                  {c.title}
                </Link>
                <div className="zs-cell-sub">{`已报送 ${c.submitted}/${c.total}`}</div>
              </div>
              <Progress percent={c.total ? Math.round((c.submitted / c.total) * 100) : 0} size="small" style={{ width: 140, margin: 0 }} />
              <a
                href={`/api${collectionSummaryPath(meeting.id, c.id)}`}
                data-testid="meeting-collection-summary"
                onClick={(event) => {
                  event.preventDefault();
                  void downloadCollectionSummary(meeting.id, c).catch(toastError);
                }}
              >
                <FileExcelOutlined /> 汇总表.xlsx
              </a>
            </div>
          ))}
        </div>
      ) : (
        <div className="zs-cell-sub">本次会议未关联情况征集。</div>
      )}
      {manage && meeting.state !== 'cancelled' && meeting.state !== 'held' ? (
        <Link to={`/collections/new?meetingId=${encodeURIComponent(meeting.id)}`} className="mt-inline-link" data-testid="meeting-collection-new">
          <PlusOutlined /> 为本次会议发起情况征集
        </Link>
      ) : null}
    </div>
  );
}
