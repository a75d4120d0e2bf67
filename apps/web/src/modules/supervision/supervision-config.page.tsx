import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, InputNumber, Row, Skeleton, Space, Switch, type FormRule } from 'antd';
import { DEFAULT_SUPERVISION_CONFIG } from '@zhongshu/core/supervision/config.ts';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { showFieldError } from '../../shared/form-errors';
import { useSaveSupervisionConfig, useSupervisionConfig, type SupervisionConfig } from './supervision.api';
import { AUTO_ESCALATE_LABEL, CONFIG_FIELDS } from './supervision-labels';
import './supervision.css';

/** The product's defaults, offered as a one-click way back. */
const DEFAULTS: SupervisionConfig = DEFAULT_SUPERVISION_CONFIG;

/** A red threshold below the yellow one would make an item red before it was ever yellow. */
const NOT_BELOW_YELLOW: Partial<Record<keyof SupervisionConfig, { yellow: keyof SupervisionConfig; message: string }>> = {
  redBehindPoints: { yellow: 'yellowBehindPoints', message: '红灯进度落后（百分点）：不能小于黄灯的百分点' },
  redMissedFeedbacks: { yellow: 'yellowMissedFeedbacks', message: '红灯未按期反馈（次）：不能小于黄灯的次数' },
};

function notBelowYellow(name: keyof SupervisionConfig): FormRule[] {
  const check = NOT_BELOW_YELLOW[name];
  if (!check) return [];
  return [
    ({ getFieldValue }) => ({
      validator: (_rule, value: number | null) => {
        const yellow: unknown = getFieldValue(check.yellow);
        if (value == null || typeof yellow !== 'number' || value >= yellow) return Promise.resolve();
        return Promise.reject(new Error(check.message));
      },
    }),
  ];
}

/** /supervision/config — 预警规则设置: the thresholds behind 红黄绿, 催办 and 约谈提议 (office only). */
export function SupervisionConfigPage() {
  const [form] = Form.useForm<SupervisionConfig>();
  const { message } = App.useApp();
  const config = useSupervisionConfig();
  const save = useSaveSupervisionConfig();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (config.data) form.setFieldsValue(config.data);
  }, [config.data, form]);

  const onFinish = (values: SupervisionConfig) => {
    setFormError(null);
    save.mutate(values, {
      onSuccess: () => message.success('预警规则已保存，事项颜色将按新规则计算'),
      onError: (error) => {
        if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '保存未成功，请稍后重试');
      },
    });
  };

  return (
    <div>
      <PageHeader title="预警规则设置" subtitle="红黄绿预警、自动催办和约谈提议的判定标准；保存后对所有在办事项生效" />
      <div className="zs-panel">
        {config.isError ? (
          <QueryError error={config.error} onRetry={() => void config.refetch()} />
        ) : config.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Form<SupervisionConfig> form={form} layout="vertical" onFinish={onFinish} initialValues={config.data} style={{ maxWidth: 880 }}>
            {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="config-error" /> : null}
            <Row gutter={24}>
              {CONFIG_FIELDS.map((field) => {
                const yellow = NOT_BELOW_YELLOW[field.name]?.yellow;
                return (
                  <Col key={field.name} xs={24} md={12}>
                    <Form.Item
                      name={field.name}
                      label={field.label}
                      extra={field.hint}
                      dependencies={yellow ? [yellow] : undefined}
                      rules={[
                        { required: true, message: `请填写${field.label}` },
                        { type: 'integer', min: field.min, max: field.max, message: `${field.label}：请填写${field.min}到${field.max}之间的整数` },
                        ...notBelowYellow(field.name),
                      ]}
                    >
                      <InputNumber min={field.min} max={field.max} precision={0} style={{ width: 160 }} data-testid={`config-${field.name}`} />
                    </Form.Item>
                  </Col>
                );
              })}
              <Col xs={24} md={12}>
                <Form.Item name="autoEscalateOnRed" label={AUTO_ESCALATE_LABEL} valuePropName="checked" extra="事项变为红灯时自动向牵头单位发出下一份催办单或督办通知单">
                  <Switch data-testid="config-autoEscalateOnRed" />
                </Form.Item>
              </Col>
            </Row>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="config-save">
                保存
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue(DEFAULTS);
                  setFormError(null);
                }}
              >
                填入默认值
              </Button>
            </Space>
          </Form>
        )}
      </div>
    </div>
  );
}
