import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { PageHeader } from '../../shared/page-header';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useCreateMeeting } from './meetings.api';
import { createInputOf, EMPTY_MEETING_FORM, MeetingFormFields, showMeetingFieldError, type MeetingFormValues } from './meeting-form';
import './meetings.css';

/** /meetings/new — 新建会议: type, time, room (with its bookings that day), attendees, notice and 议题. */
export function MeetingCreatePage() {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<MeetingFormValues>();
  const create = useCreateMeeting();
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = (values: MeetingFormValues) => {
    setFormError(null);
    create.mutate(createInputOf(values), {
      onSuccess: (detail) => {
        // Leaders booked elsewhere at the same time are a warning the detail page keeps on screen.
        if (detail.conflicts.length) message.warning(`会议已保存，但有${new Set(detail.conflicts.map((c) => c.userId)).size}位领导在同一时间另有会议，请核对`);
        else message.success('会议已保存，核对无误后可发出通知');
        navigate(`/meetings/${encodeURIComponent(detail.id)}`, { replace: true });
      },
      onError: (error) => {
        if (showMeetingFieldError(form, error, form.getFieldsValue(true) as MeetingFormValues)) return;
        if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) setFormError(error.message);
        else toastError(error);
      },
    });
  };

  return (
    <div>
      <PageHeader
        title="新建会议"
        subtitle="保存后可核对参会人员，再发出会议通知和回执"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/meetings')} />}
      />
      <Form<MeetingFormValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY_MEETING_FORM}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' });
        }}
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="meeting-form-error" /> : null}
        <div className="zs-panel">
          <MeetingFormFields form={form} isMobile={isMobile} />
        </div>
        <div className="zs-panel">
          <Space wrap>
            {/* Not a submit button: Enter in a date picker confirms the date, and must not save a half-filled meeting. */}
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="meeting-create-submit">
              保存
            </Button>
            <Button onClick={() => navigate('/meetings')}>取消</Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
