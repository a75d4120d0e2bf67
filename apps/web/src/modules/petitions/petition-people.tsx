import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, Modal, Tag } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { showFieldError } from '../../shared/form-errors';
import { useRevealPerson, type PetitionPerson, type RevealInput } from './petitions.api';
import { PERSON_ROLE_LABELS } from './petition-labels';

type RevealTarget = { person: PetitionPerson; field: RevealInput['field'] };

const FIELD_LABELS: Record<RevealInput['field'], string> = { idNumber: '身份证号', phone: '联系电话' };

/** Asks why, then shows one full number; the server writes the look into the audit log. */
function RevealModal({ petitionId, target, onClose }: { petitionId: string; target: RevealTarget; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealPerson(petitionId);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = FIELD_LABELS[target.field];

  const onFinish = ({ reason }: { reason: string }) => {
    setError(null);
    reveal.mutate(
      { personId: target.person.id, field: target.field, reason: reason.trim() },
      {
        onSuccess: (data) => setValue(data.value),
        onError: (e) => {
          if (!showFieldError(form, e)) setError(e instanceof Error ? e.message : '查看未成功，请稍后重试');
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`查看${target.person.name}的完整${label}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        value === null
          ? [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="pt-reveal-submit">
                查看
              </Button>,
            ]
          : [
              <Button key="close" type="primary" onClick={onClose}>
                关闭
              </Button>,
            ]
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本次查看将记入审计日志（查看人、时间和事由），请仅在工作需要时查看" />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {value === null ? (
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            label="查看事由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写查看事由' },
              { min: 2, message: '查看事由至少2个字' },
              { max: 200, message: '查看事由不超过200字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} placeholder="如：电话联系信访人告知受理情况" data-testid="pt-reveal-reason" />
          </Form.Item>
        </Form>
      ) : (
        <div>
          <div className="zs-cell-sub">{label}</div>
          <div className="zs-password-reveal" data-testid="pt-reveal-value">
            {value}
          </div>
        </div>
      )}
    </Modal>
  );
}

function MaskedValue({ masked, canReveal, testId, onReveal }: { masked: string | null; canReveal: boolean; testId: string; onReveal: () => void }) {
  if (!masked) return <span className="zs-text-muted">未登记</span>;
  return (
    <span>
      <span className="zs-mono">{masked}</span>
      {canReveal ? (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={onReveal} data-testid={testId}>
          查看
        </Button>
      ) : null}
    </span>
  );
}

/** 信访人, 代表 and 到场人员 with masked numbers; the 信访 staff may look at one number at a time, giving a reason. */
export function PetitionPeople({ petitionId, people, canReveal }: { petitionId: string; people: PetitionPerson[]; canReveal: boolean }) {
  const [target, setTarget] = useState<RevealTarget | null>(null);
  if (!people.length) return <Empty description="未登记信访人" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="pt-people">
      {people.map((person) => (
        <div key={`${person.role}-${person.id}`} className="pt-person" data-testid={`pt-person-${person.id}`}>
          <div>
            <Tag color={person.role === 'petitioner' ? 'blue' : person.role === 'representative' ? 'orange' : 'default'}>{PERSON_ROLE_LABELS[person.role] ?? person.role}</Tag>
            <strong>{person.name}</strong>
          </div>
          <div className="pt-person-fields">
            <span>
              <span className="zs-text-muted">身份证号：</span>
              <MaskedValue
                masked={person.idMasked}
                canReveal={canReveal}
                testId={`pt-reveal-${person.id}-idNumber`}
                onReveal={() => setTarget({ person, field: 'idNumber' })}
              />
            </span>
            <span>
              <span className="zs-text-muted">联系电话：</span>
              <MaskedValue masked={person.phoneMasked} canReveal={canReveal} testId={`pt-reveal-${person.id}-phone`} onReveal={() => setTarget({ person, field: 'phone' })} />
            </span>
            {person.address ? (
              <span>
                <span className="zs-text-muted">住址：</span>
                {person.address}
              </span>
            ) : null}
          </div>
        </div>
      ))}
      {target ? <RevealModal petitionId={petitionId} target={target} onClose={() => setTarget(null)} /> : null}
    </div>
  );
}
