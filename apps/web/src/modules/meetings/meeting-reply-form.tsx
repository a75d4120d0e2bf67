import { useEffect } from 'react';
import { Form, Input, Radio, type FormInstance } from 'antd';
import type { Attendee, ReplyInput } from './meetings.api';

export type ReplyFormValues = { reply?: 'attending' | 'leave'; attendeeNames?: string; leaveReason?: string };

/** The fields of a 回执: 参加 (a unit names who comes) or 请假 (with the reason). The caller owns the Form and its submit. */
export function ReplyFields({ form, attendee }: { form: FormInstance<ReplyFormValues>; attendee: Attendee }) {
  const reply = Form.useWatch('reply', form);
  // Refill from the server only when the 回执 itself changed, not on every reload (a refetch on focus
  // must not wipe what the clerk is typing).
  const saved = `${attendee.id}|${attendee.reply}|${attendee.attendeeNames ?? ''}|${attendee.leaveReason ?? ''}|${attendee.repliedAt ?? ''}`;
  useEffect(() => {
    form.setFieldsValue({
      reply: attendee.reply === 'pending' ? undefined : attendee.reply,
      attendeeNames: attendee.attendeeNames ?? undefined,
      leaveReason: attendee.leaveReason ?? undefined,
    });
  }, [saved, form]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <Form.Item label="是否参加" name="reply" rules={[{ required: true, message: '请选择参加或请假' }]}>
        <Radio.Group data-testid="reply-choice">
          <Radio value="attending">
            <span data-testid="reply-attending">参加</span>
          </Radio>
          <Radio value="leave">
            <span data-testid="reply-leave">请假</span>
          </Radio>
        </Radio.Group>
      </Form.Item>
      {reply === 'attending' && attendee.kind === 'unit' ? (
        <Form.Item
          label="参会人员姓名"
          name="attendeeNames"
          rules={[
            { required: true, whitespace: true, message: '请填写参会人员姓名' },
            { max: 500, message: '参会人员姓名不超过500字' },
          ]}
          extra="多人用顿号分隔，如：张三（局长）、李四"
        >
          <Input maxLength={500} placeholder="如：张三（局长）" data-testid="reply-names" />
        </Form.Item>
      ) : null}
      {reply === 'leave' ? (
        <Form.Item
          label="请假事由"
          name="leaveReason"
          rules={[
            { required: true, whitespace: true, message: '请填写请假事由' },
            { max: 200, message: '请假事由不超过200字' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} placeholder="如：同一时间参加市里会议" data-testid="reply-reason" />
        </Form.Item>
      ) : null}
    </>
  );
}

/** The request body for a 回执 from the form's values (only the field the choice needs). */
export function replyInputOf(attendee: Attendee, values: ReplyFormValues): ReplyInput {
  const input: ReplyInput = { attendeeId: attendee.id, reply: values.reply ?? 'attending' };
  if (input.reply === 'attending' && attendee.kind === 'unit') input.attendeeNames = values.attendeeNames?.trim();
  if (input.reply === 'leave') input.leaveReason = values.leaveReason?.trim();
  return input;
}

/** Server field names of the reply endpoint → form fields. */
export const REPLY_FIELD_MAP: Record<string, string> = { attendeeNames: 'attendeeNames', leaveReason: 'leaveReason', reply: 'reply' };
