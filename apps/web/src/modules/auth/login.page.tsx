import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { homePathFor } from '../../app/access';
import { isApiError } from '../../api/client';
import { AuthPageFrame, useHealth } from './auth-page-frame';

type LoginForm = { username: string; password: string };
type ShownError = { type: 'error' | 'warning'; text: string };

export function LoginPage() {
  const { me, isLoading, login, signedOutReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const health = useHealth();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  if (!isLoading && me && !submitting) {
    return <Navigate to={me.mustChangePassword ? '/change-password' : from || homePathFor(me)} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      navigate(user.mustChangePassword ? '/change-password' : from && from !== '/' ? from : homePathFor(user), { replace: true });
    } catch (caught) {
      form.setFieldValue('password', '');
      if (isApiError(caught)) {
        const lockedOrThrottled = caught.code === 'ACCOUNT_LOCKED' || caught.code === 'RATE_LIMITED';
        setError({ type: lockedOrThrottled ? 'warning' : 'error', text: caught.message });
      } else {
        setError({ type: 'error', text: '登录未成功，请稍后重试' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthPageFrame>
      <h1>账号登录</h1>
      {signedOutReason && !error ? <Alert type="info" showIcon title={signedOutReason} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type={error.type} showIcon title={error.text} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on" size="large">
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="请输入用户名" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form.Item>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 4 }}>
        <Link to="/public/petition" data-testid="login-public-petition">
          群众网上信访（无需登录）
        </Link>
      </div>
      {health.data?.demo ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title="当前为演示环境"
          description="演示账号见部署说明（README）或服务启动时的输出；演示数据仅供体验，请勿录入真实工作信息。"
        />
      ) : null}
      {health.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title="暂时无法连接服务器，请检查网络或联系系统管理员" />
      ) : null}
    </AuthPageFrame>
  );
}
