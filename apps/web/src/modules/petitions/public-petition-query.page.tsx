import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Radio, Steps } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { formatDate, formatDateTime } from '../../shared/format';
import type { Evaluation } from './petitions.api';
import { EVALUATION_LABELS, EVALUATIONS } from './petition-labels';
import { useEvaluatePublicPetition, useQueryPublicPetition, type PublicProgress } from './public-petition.api';
import { PublicFrame } from './public-frame';

/** Spaces and dashes people add when copying the code by hand are not part of it. */
function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]+/g, '');
}

function EvaluationForm({ queryCode, onDone }: { queryCode: string; onDone: () => void }) {
  const evaluate = useEvaluatePublicPetition();
  const { message } = App.useApp();
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div style={{ marginTop: 16 }} data-testid="public-evaluate">
      <h3 className="pt-section-title">对办理结果的评价</h3>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Radio.Group optionType="button" buttonStyle="solid" value={evaluation} onChange={(event) => setEvaluation(event.target.value as Evaluation)}>
        {EVALUATIONS.map((value) => (
          <Radio.Button key={value} value={value}>
            <span data-testid={`public-evaluate-${value}`}>{EVALUATION_LABELS[value]}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
      <div style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!evaluation}
          loading={evaluate.isPending}
          data-testid="public-evaluate-submit"
          onClick={() => {
            if (!evaluation) return;
            setError(null);
            evaluate.mutate(
              { queryCode, evaluation },
              {
                onSuccess: () => {
                  message.success('感谢您的评价');
                  onDone();
                },
                onError: (e) => setError(e instanceof Error ? e.message : '评价未成功，请稍后重试'),
              },
            );
          }}
        >
          提交评价
        </Button>
      </div>
    </div>
  );
}

function Progress({ progress, queryCode, onEvaluated }: { progress: PublicProgress; queryCode: string; onEvaluated: () => void }) {
  return (
    <div data-testid="public-progress">
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'serial', label: '编号', children: <span data-testid="public-serial">{progress.serial}</span> },
          { key: 'received', label: '收到日期', children: formatDate(progress.receivedAt) },
          { key: 'state', label: '办理状态', children: <strong data-testid="public-state">{progress.stateLabel}</strong> },
        ]}
      />
      <h3 className="pt-section-title" style={{ marginTop: 16 }}>
        办理进度
      </h3>
      <div data-testid="public-steps">
        <Steps
          orientation="vertical"
          size="small"
          current={progress.steps.length - 1}
          items={progress.steps.map((step) => ({ title: step.label, content: formatDateTime(step.at), status: 'finish' as const }))}
        />
      </div>
      {progress.reply ? (
        <>
          <h3 className="pt-section-title" style={{ marginTop: 16 }}>
            答复意见
          </h3>
          <div className="pt-content zs-panel" data-testid="public-reply">
            {progress.reply}
          </div>
        </>
      ) : null}
      {progress.evaluation ? (
        <p className="zs-text-muted" data-testid="public-evaluation">
          您的评价：{EVALUATION_LABELS[progress.evaluation]}（已记录）
        </p>
      ) : null}
      {progress.canEvaluate ? <EvaluationForm queryCode={queryCode} onDone={onEvaluated} /> : null}
    </div>
  );
}

/** /public/petition/query — the petitioner's own view of the case, by query code only. */
export function PublicPetitionQueryPage() {
  const [form] = Form.useForm<{ queryCode: string }>();
  const query = useQueryPublicPetition();
  // The code stays in memory only, never in the address bar, where it would be logged and shared.
  const [code, setCode] = useState<string | null>(null);

  const run = (queryCode: string) => {
    setCode(queryCode);
    query.mutate(queryCode);
  };

  return (
    <PublicFrame title="信访事项查询" nav="query">
      <Form form={form} layout="vertical" onFinish={({ queryCode }) => run(normaliseCode(queryCode))} requiredMark={false}>
        <Form.Item
          label="查询码"
          name="queryCode"
          rules={[
            { required: true, whitespace: true, message: '请输入查询码' },
            { validator: (_rule, value: string | undefined) => (!value || normaliseCode(value).length === 16 ? Promise.resolve() : Promise.reject(new Error('查询码为16位'))) },
          ]}
          extra="提交信访事项时获得的16位查询码"
        >
          <Input size="large" maxLength={24} autoComplete="off" className="zs-mono" placeholder="请输入16位查询码" data-testid="public-query-input" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />} loading={query.isPending} data-testid="public-query-submit">
          查询
        </Button>
      </Form>
      <div style={{ marginTop: 24 }}>
        {query.isError ? <Alert type="error" showIcon title={query.error instanceof Error ? query.error.message : '查询未成功，请稍后重试'} data-testid="public-query-error" /> : null}
        {query.data && code ? <Progress progress={query.data} queryCode={code} onEvaluated={() => run(code)} /> : null}
      </div>
    </PublicFrame>
  );
}
