import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Checkbox, Col, Form, Input, Result, Row, Select } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { showFieldError } from '../../shared/form-errors';
import { useSubmitPublicPetition, usePublicCategories, usePublicTownships, type PublicPetitionInput } from './public-petition.api';
import { idNumberRules, phoneRules } from './person-rules';
import { PublicFrame } from './public-frame';

type PublicForm = {
  name: string;
  idNumber?: string;
  phone: string;
  address?: string;
  townshipId?: string;
  categoryId?: string;
  summary: string;
  content: string;
  consent: boolean;
};

/** The request body may be at most 20 KB; 5000 characters of Chinese stay well inside it. */
const MAX_CONTENT = 5000;

/** Copies the code; an address without HTTPS has no clipboard API, so the older way is the fallback. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** The query code, shown once: the server keeps only its hash. */
function Submitted({ queryCode }: { queryCode: string }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title="您的信访事项已提交"
      subTitle="信访工作机构将依法登记办理。凭下面的查询码可查询办理进度和答复意见。"
      extra={
        <div style={{ textAlign: 'left' }}>
          <div className="pt-query-code" data-testid="public-query-code">
            {queryCode}
          </div>
          <Alert type="warning" showIcon title="请妥善保存查询码" description="查询码只显示这一次，遗失后无法找回，也无法查询办理进度。请抄写或截图保存，不要告诉他人。" />
          <div style={{ marginTop: 16, display: 'flex', gap: 12, flexWrap: 'wrap', justifyContent: 'center' }}>
            <Button
              type="primary"
              icon={<CopyOutlined />}
              data-testid="public-copy-code"
              onClick={() => void copyText(queryCode).then((ok) => (ok ? message.success('查询码已复制') : message.warning('无法自动复制，请手动抄写查询码')))}
            >
              复制查询码
            </Button>
            <Button onClick={() => navigate('/public/petition/query')}>查询办理进度</Button>
          </div>
        </div>
      }
    />
  );
}

/** /public/petition — 网上信访 without an account. */
export function PublicPetitionPage() {
  const [form] = Form.useForm<PublicForm>();
  const submit = useSubmitPublicPetition();
  const townships = usePublicTownships();
  const categories = usePublicCategories();
  const [queryCode, setQueryCode] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = (values: PublicForm) => {
    setFormError(null);
    const input: PublicPetitionInput = {
      name: values.name.trim(),
      phone: values.phone.trim(),
      townshipId: values.townshipId!,
      summary: values.summary.trim(),
      content: values.content.trim(),
    };
    if (values.idNumber?.trim()) input.idNumber = values.idNumber.trim();
    if (values.address?.trim()) input.address = values.address.trim();
    if (values.categoryId) input.categoryId = values.categoryId;
    submit.mutate(input, {
      onSuccess: (data) => {
        setQueryCode(data.queryCode);
        window.scrollTo({ top: 0 });
      },
      onError: (error) => {
        if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '提交未成功，请稍后重试');
      },
    });
  };

  if (queryCode) {
    return (
      <PublicFrame title="网上信访" nav="form">
        <Submitted queryCode={queryCode} />
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title="网上信访" nav="form">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请如实反映情况"
        description="请写明反映的问题、事实和诉求，并留下能联系到您的电话。提交后您将获得一个查询码，用于查询办理进度。"
      />
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="public-error" /> : null}
      <Form<PublicForm> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError={{ block: 'center' }} initialValues={{ consent: false }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 50, message: '姓名不超过50字' },
              ]}
            >
              <Input maxLength={50} autoComplete="name" data-testid="public-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="联系电话" name="phone" rules={phoneRules(true)} validateTrigger="onBlur">
              <Input maxLength={20} autoComplete="tel" inputMode="tel" data-testid="public-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="身份证号（选填）" name="idNumber" rules={idNumberRules} validateTrigger="onBlur">
              <Input maxLength={18} autoComplete="off" data-testid="public-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="住址（选填）" name="address" rules={[{ max: 200, message: '住址不超过200字' }]}>
              <Input maxLength={200} autoComplete="street-address" data-testid="public-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="问题发生地（乡镇）" name="townshipId" rules={[{ required: true, message: '请选择问题发生地所属乡镇' }]}>
              <Select
                placeholder="请选择"
                options={(townships.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
                loading={townships.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="public-township"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="问题类别（选填）" name="categoryId">
              <Select
                placeholder="请选择"
                allowClear
                options={(categories.data ?? []).map((category) => ({ value: category.id, label: category.name }))}
                loading={categories.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="public-category"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="标题"
          name="summary"
          rules={[
            { required: true, whitespace: true, message: '请用一句话概括反映的问题' },
            { max: 200, message: '标题不超过200字' },
          ]}
        >
          <Input maxLength={200} showCount placeholder="一句话概括反映的问题" data-testid="public-summary" />
        </Form.Item>
        <Form.Item
          label="反映内容"
          name="content"
          rules={[
            { required: true, whitespace: true, message: '请填写反映内容' },
            { max: MAX_CONTENT, message: `反映内容不超过${MAX_CONTENT}字` },
          ]}
        >
          <Input.TextArea rows={8} maxLength={MAX_CONTENT} showCount placeholder="事情经过、涉及的单位或人员、您的诉求" data-testid="public-content" />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[{ validator: (_rule, value: boolean) => (value ? Promise.resolve() : Promise.reject(new Error('请阅读并勾选承诺'))) }]}
        >
          <Checkbox data-testid="public-consent">本人承诺所反映的情况属实，并同意信访工作机构为办理本事项使用以上个人信息</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="public-submit">
          提交
        </Button>
      </Form>
    </PublicFrame>
  );
}
