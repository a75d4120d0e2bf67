import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { api } from '../../api/client';
import { useAuth, useMe } from '../../app/auth';
import { homePathFor } from '../../app/access';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { AuthPageFrame } from './auth-page-frame';
import { PASSWORD_POLICY_TEXT, checkPasswordPolicy } from './password-policy';

type ChangePasswordForm = { oldPassword: string; newPassword: string; confirmPassword: string };

export function ChangePasswordPage() {
  const me = useMe();
  const { refresh, logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<ChangePasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const forced = me.mustChangePassword;

  const onFinish = async (values: ChangePasswordForm) => {
    setSubmitting(true);
    try {
      await api.post('/auth/change-password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success('密码已修改');
      await refresh();
      navigate(homePathFor({ ...me, mustChangePassword: false }), { replace: true });
    } catch (error) {
      if (!showFieldError(form, error)) toastError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthPageFrame>
      <h1>{forced ? '首次登录，请修改密码' : '修改密码'}</h1>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="为保障账号安全，初始密码须修改后方可使用系统。"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item label={forced ? '初始密码' : '原密码'} name="oldPassword" rules={[{ required: true, message: forced ? '请输入初始密码' : '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra={PASSWORD_POLICY_TEXT}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_rule, value: string | undefined) => {
                const problem = value ? checkPasswordPolicy(value) : null;
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            确认修改
          </Button>
          {forced ? (
            <Button
              block
              type="text"
              onClick={async () => {
                await logout();
                navigate('/login', { replace: true });
              }}
            >
              退出登录
            </Button>
          ) : (
            <Button block onClick={() => navigate(-1)}>
              返回
            </Button>
          )}
        </Space>
      </Form>
    </AuthPageFrame>
  );
}
