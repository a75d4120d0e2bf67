import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Col, Form, Input, Radio, Row, Select, Space, Spin, Switch, TreeSelect, Upload } from 'antd';
import { ArrowLeftOutlined, FileWordOutlined, InboxOutlined } from '@ant-design/icons';
import { checkDocument } from '@zhongshu/core/gongwen/checker.ts';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, type DocumentFormat, type DocumentType, type Finding, type GongwenDocument } from '@zhongshu/core/gongwen/model.ts';
import { PageHeader } from '../../shared/page-header';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { parseDocx, useCreateOutgoing, useIssuers, type CreateOutgoingInput, type DocumentClassification, type DocumentUrgency } from './editor/editor.api';
import {
  CLASSIFICATION_OPTIONS,
  DOCUMENT_URGENCY_OPTIONS,
  classificationOfLevel,
  defaultFormatFor,
  isDocumentType,
  levelOfClassification,
  markOfUrgency,
  normalise,
  urgencyOfMark,
} from './editor/editor-model';
import { countsText } from './editor/findings-panel';

type NewForm = {
  issuerUnitId?: string;
  docType?: DocumentType;
  format: DocumentFormat;
  title?: string;
  classification: DocumentClassification;
  classificationPeriod?: string;
  urgency: DocumentUrgency;
  important: boolean;
  coIssuerUnitIds?: string[];
};

type TreeOption = { key: string; value: string; title: string; disabled: boolean; children: TreeOption[] };

type ParsedDocx = { fileName: string; content: GongwenDocument; findings: Finding[] };

/** The uploaded text, made to agree with what was chosen on the form. */
function contentFor(parsed: ParsedDocx, values: NewForm): GongwenDocument {
  const elements = { ...parsed.content.elements };
  const level = levelOfClassification(values.classification);
  if (level) elements.classification = { level, ...(values.classificationPeriod?.trim() ? { period: values.classificationPeriod.trim() } : {}) };
  else delete elements.classification;
  const urgency = markOfUrgency(values.urgency);
  if (urgency) elements.urgency = urgency;
  else delete elements.urgency;
  if (values.title?.trim()) elements.title = values.title.trim();
  // The 发文字号 is allocated at 编号登记; one carried over from an old file would only mislead.
  delete elements.documentNumber;
  return normalise({ ...parsed.content, documentType: values.docType ?? null, format: values.format, elements });
}

/** /documents/new — 拟稿: choose the issuer, 文种 and format first, optionally start from an existing .docx. */
export function DocumentNewPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<NewForm>();
  const issuers = useIssuers();
  const directory = useDirectory();
  const { unitTree } = useDirectoryPickers(directory);
  const create = useCreateOutgoing();
  const [parsed, setParsed] = useState<ParsedDocx | null>(null);
  const [parsing, setParsing] = useState(false);
  const [formatTouched, setFormatTouched] = useState(false);
  const classification = Form.useWatch('classification', form) ?? 'none';
  const issuerUnitId = Form.useWatch('issuerUnitId', form);

  const issuerOptions = useMemo(
    () => (issuers.data?.items ?? []).map((u) => ({ value: u.id, label: u.issuerCode ? `${u.name}（${u.issuerCode}）` : u.name })),
    [issuers.data],
  );
  // A co-issuer is another organ: the lead organ is not offered again.
  const coIssuerTree = useMemo(() => {
    const mark = (nodes: typeof unitTree): TreeOption[] =>
      nodes.map((node) => ({ key: node.key, value: node.value, title: node.title, disabled: node.value === issuerUnitId, children: mark(node.children) }));
    return mark(unitTree);
  }, [unitTree, issuerUnitId]);

  // Most clerks draft for one organ only: choose it for them.
  useEffect(() => {
    const first = issuers.data?.items[0];
    if (first && !form.getFieldValue('issuerUnitId')) form.setFieldValue('issuerUnitId', first.id);
  }, [issuers.data, form]);

  const onDocType = (type: DocumentType) => {
    if (!formatTouched) form.setFieldValue('format', defaultFormatFor(type));
  };

  const readDocx = async (file: File) => {
    setParsing(true);
    try {
      const result = await parseDocx(file);
      setParsed({ fileName: file.name, ...result });
      const content = result.content;
      const type = isDocumentType(content.documentType) ? content.documentType : undefined;
      const patch: Partial<NewForm> = {};
      if (type) {
        patch.docType = type;
        patch.format = content.format ?? defaultFormatFor(type);
        setFormatTouched(true);
      }
      if (content.elements.title && !form.getFieldValue('title')) patch.title = content.elements.title;
      if (content.elements.classification) {
        patch.classification = classificationOfLevel(content.elements.classification.level);
        if (content.elements.classification.period) patch.classificationPeriod = content.elements.classification.period;
      }
      if (content.elements.urgency) patch.urgency = urgencyOfMark(content.elements.urgency);
      form.setFieldsValue(patch);
      message.success(`已读取“${file.name}”`);
    } catch (error) {
      toastError(error);
    } finally {
      setParsing(false);
    }
  };

  const onFinish = (values: NewForm) => {
    const input: CreateOutgoingInput = {
      issuerUnitId: values.issuerUnitId!,
      docType: values.docType!,
      format: values.format,
      classification: values.classification,
      urgency: values.urgency,
      important: values.important,
    };
    if (values.title?.trim()) input.title = values.title.trim();
    if (values.classification !== 'none' && values.classificationPeriod?.trim()) input.classificationPeriod = values.classificationPeriod.trim();
    if (values.coIssuerUnitIds?.length) input.coIssuerUnitIds = values.coIssuerUnitIds;
    if (parsed) input.content = contentFor(parsed, values);
    create.mutate(input, {
      onSuccess: ({ id }) => {
        message.success('草稿已创建，修改会自动保存');
        navigate(`/documents/${id}/edit`, { replace: true });
      },
      onError: (error) => {
        if (!showFieldError(form, error)) toastError(error);
      },
    });
  };

  const parsedCounts = useMemo(() => {
    if (!parsed) return null;
    // Counted again in the browser, so the summary matches what the editor will show.
    const findings = checkDocument(parsed.content);
    return {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    };
  }, [parsed]);

  const noIssuer = issuers.isSuccess && issuerOptions.length === 0;

  return (
    <div>
      <PageHeader
        title="拟稿"
        subtitle="先选定发文机关、文种和格式，再起草正文；也可以上传已有的 Word 文稿"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />}
      />
      <div className="zs-panel" style={{ maxWidth: 960 }}>
        {issuers.isError ? <Alert type="error" showIcon title="发文机关列表加载失败，请刷新页面重试" style={{ marginBottom: 16 }} /> : null}
        {noIssuer ? <Alert type="warning" showIcon title="您所在单位暂无可以拟稿的发文机关，请联系系统管理员" style={{ marginBottom: 16 }} /> : null}
        <Form<NewForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ format: '文件式', classification: 'none', urgency: 'normal', important: false }}
          scrollToFirstError={{ block: 'center' }}
        >
          <Form.Item label="从已有文稿开始（选填）" extra="上传 .docx 文件，系统识别标题、主送机关、正文层次等要素后进入编辑">
            {parsed ? (
              <Alert
                type={parsedCounts?.error ? 'warning' : 'success'}
                showIcon
                icon={<FileWordOutlined />}
                title={`已读取“${parsed.fileName}”：${parsed.content.elements.title ?? '未识别到标题'}`}
                description={`正文 ${parsed.content.elements.body.length} 段；检查结果：${parsedCounts ? countsText(parsedCounts) : ''}（进入编辑后可逐条修正）`}
                action={
                  <Button size="small" onClick={() => setParsed(null)}>
                    移除
                  </Button>
                }
              />
            ) : (
              <Spin spinning={parsing}>
                <Upload.Dragger
                  accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  showUploadList={false}
                  maxCount={1}
                  customRequest={({ file }) => void readDocx(file as File)}
                  data-testid="new-docx-upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或拖入 Word 文稿（.docx）</p>
                </Upload.Dragger>
              </Spin>
            )}
          </Form.Item>
          <Form.Item label="发文机关" name="issuerUnitId" rules={[{ required: true, message: '请选择发文机关' }]}>
            <Select
              options={issuerOptions}
              loading={issuers.isPending}
              placeholder="请选择以哪个机关名义发文"
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="new-issuer"
            />
          </Form.Item>
          <Form.Item label="文种" name="docType" rules={[{ required: true, message: '请选择文种' }]} extra="条例第八条规定的15种公文">
            <Radio.Group
              optionType="button"
              options={DOCUMENT_TYPES.map((t) => ({ value: t, label: t === '命令' ? '命令（令）' : t }))}
              onChange={(e) => onDocType(e.target.value as DocumentType)}
              data-testid="new-doc-type"
            />
          </Form.Item>
          <Form.Item label="格式" name="format" extra="信函式用于函等平行文；命令式、纪要式为特定格式">
            <Radio.Group optionType="button" options={DOCUMENT_FORMATS.map((f) => ({ value: f, label: f }))} onChange={() => setFormatTouched(true)} />
          </Form.Item>
          <Form.Item label="标题（选填）" name="title">
            <Input maxLength={200} placeholder="可稍后在编辑页填写" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="密级" name="classification">
                <Select options={CLASSIFICATION_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="保密期限" name="classificationPeriod">
                <Input disabled={classification === 'none'} maxLength={20} placeholder={classification === 'none' ? '非密公文不填' : '如：1年、长期'} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="紧急程度" name="urgency">
                <Radio.Group optionType="button" options={DOCUMENT_URGENCY_OPTIONS} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="重要公文" name="important" valuePropName="checked" extra="重要公文和上行文须由机关主要负责人签发">
            <Switch checkedChildren="重要" unCheckedChildren="一般" />
          </Form.Item>
          <Form.Item label="联合行文（选填）" name="coIssuerUnitIds" extra="与其他机关联合发文时，选择联合发文机关，主办机关为上面选定的发文机关">
            <TreeSelect
              multiple
              treeData={coIssuerTree}
              placeholder="不联合行文可不选"
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              allowClear
              loading={directory.isPending}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={create.isPending} disabled={noIssuer || parsing} data-testid="new-create">
                开始拟稿
              </Button>
              <Button onClick={() => navigate(-1)}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      </div>
    </div>
  );
}
