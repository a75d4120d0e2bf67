import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, AutoComplete, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, type UploadFile } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import type { Clearance, FileRef, IncomingCreateInput, Urgency } from '../../api/types';
import { useMe } from '../../app/auth';
import { canRegisterIncoming } from '../../app/access';
import { Forbidden } from '../../app/guards';
import { PageHeader } from '../../shared/page-header';
import { CLEARANCE_LABELS } from '../../shared/labels';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import { DOCUMENT_TYPES, DOCUMENT_URGENCY_LABELS, RECEIVED_VIA_OPTIONS } from './document-labels';
import { useRegisterIncoming } from './documents.api';
import { FileUpload, uploadedIds } from '../../shared/file-upload';

type IncomingForm = {
  title: string;
  docType?: string;
  senderName: string;
  senderNumber?: string;
  classification: Clearance;
  urgency: Urgency;
  copies?: number;
  receivedVia?: string;
  receivedAt?: Dayjs;
};

const CLEARANCE_ORDER: Clearance[] = ['none', 'secret', 'confidential', 'top_secret'];

/** 收文登记: a paper or outside document is entered by a clerk of the receiving unit and gets its 收文编号. */
export function IncomingRegistrationPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<IncomingForm>();
  const register = useRegisterIncoming();
  const directory = useDirectory();
  const [files, setFiles] = useState<UploadFile<FileRef>[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const uploading = files.some((file) => file.status === 'uploading');

  // Senders are mostly outside organs (typed), sometimes units in the directory (suggested).
  const senderOptions = useMemo(() => (directory.data?.units ?? []).map((unit) => ({ value: unit.name })), [directory.data]);
  // A clerk can only register what they are cleared to read.
  const classificationOptions = CLEARANCE_ORDER.filter((level) => CLEARANCE_ORDER.indexOf(level) <= CLEARANCE_ORDER.indexOf(me.clearance)).map(
    (value) => ({ value, label: CLEARANCE_LABELS[value] }),
  );

  if (!canRegisterIncoming(me)) return <Forbidden />;

  const onFinish = (values: IncomingForm) => {
    if (uploading) {
      setFormError('扫描件仍在上传，请稍候');
      return;
    }
    setFormError(null);
    const attachmentIds = uploadedIds(files);
    const input: IncomingCreateInput = {
      title: values.title.trim(),
      docType: values.docType!,
      senderName: values.senderName.trim(),
      senderNumber: values.senderNumber?.trim() || undefined,
      classification: values.classification,
      urgency: values.urgency,
      copies: values.copies ?? undefined,
      receivedVia: values.receivedVia!,
      receivedAt: values.receivedAt ? values.receivedAt.toISOString() : undefined,
      attachmentIds: attachmentIds.length ? attachmentIds : undefined,
    };
    register.mutate(input, {
      onSuccess: ({ id }) => {
        message.success('收文已登记');
        navigate(`/documents/${id}`, { replace: true });
      },
      onError: (error) => {
        if (showFieldError(form, error)) return;
        if (isApiError(error) && error.field === 'attachmentIds') {
          setFormError(error.message);
          return;
        }
        toastError(error);
      },
    });
  };

  return (
    <div>
      <PageHeader
        title="收文登记"
        subtitle="登记纸质来文或系统外来文，登记后自动生成收文编号"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/documents/incoming')} />}
      />
      <div className="zs-panel" style={{ maxWidth: 880 }}>
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
        <Form<IncomingForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ classification: 'none', urgency: 'normal', copies: 1, receivedAt: dayjs() }}
          scrollToFirstError={{ block: 'center' }}
        >
          <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写来文标题' }]}>
            <Input maxLength={200} showCount placeholder="来文标题，如：关于做好2026年防汛工作的通知" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="来文单位" name="senderName" rules={[{ required: true, whitespace: true, message: '请填写来文单位' }]}>
                <AutoComplete
                  options={senderOptions}
                  showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                  placeholder="如：中共示例市委办公室"
                  maxLength={100}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="来文字号" name="senderNumber">
                <Input maxLength={50} placeholder="如：示市办发〔2026〕12号（无则不填）" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="文种" name="docType" rules={[{ required: true, message: '请选择文种' }]}>
                <Select options={DOCUMENT_TYPES.map((type) => ({ value: type, label: type }))} placeholder="请选择文种" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="份数" name="copies">
                <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="收文方式" name="receivedVia" rules={[{ required: true, message: '请选择收文方式' }]}>
                <Select options={RECEIVED_VIA_OPTIONS.map((via) => ({ value: via, label: via }))} placeholder="请选择" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="密级" name="classification" extra="只能登记不高于本人密级的来文">
                <Radio.Group optionType="button" options={classificationOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="紧急程度" name="urgency">
                <Radio.Group
                  optionType="button"
                  options={(Object.keys(DOCUMENT_URGENCY_LABELS) as Urgency[]).map((value) => ({ value, label: DOCUMENT_URGENCY_LABELS[value] }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="收到时间" name="receivedAt">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="扫描件" extra="上传来文的扫描件或电子文件，可上传多个">
            <FileUpload files={files} onChange={setFiles} />
          </Form.Item>
          <div className="zs-actions-bar">
            <Button type="primary" htmlType="submit" loading={register.isPending} disabled={uploading} data-testid="incoming-submit">
              登记
            </Button>
            <Button onClick={() => navigate('/documents/incoming')}>取消</Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
