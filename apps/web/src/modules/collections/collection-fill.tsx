// A unit fills its part: 保存草稿 at any time, 报送 once everything is right; every error the server finds is shown
// at once, on its input (table cells too) and as a list at the top.
import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Skeleton, Space, type ButtonProps } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { QueryError } from '../../shared/query-error';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { validateValues } from '@zhongshu/core/collections/form.ts';
import {
  isFieldsError,
  submissionFileUrl,
  useSaveDraft,
  useSubmission,
  useSubmitData,
  type CollectionDetail,
  type FormField,
  type Submission,
  type Value,
} from './collections.api';
import { DeadlineText, LateTag, UnitStateTag, useNow } from './collection-parts';
import { FillFields, SubmissionView, collectValues, initialValues, parseDataPath, type CellErrors } from './fill-form';

const CONFIRM_OK = { 'data-testid': 'action-submit' } as ButtonProps;

type Problem = { path: string; key: string | null; message: string };

/** Files the saved submission holds can be opened through it; a file just picked is shown by name only. */
function savedFileIds(fields: FormField[], data: Record<string, Value> | undefined): Set<string> {
  const ids = new Set<string>();
  for (const field of fields) {
    const value = data?.[field.key];
    if (field.type === 'file' && value && typeof value === 'object' && 'fileId' in value) ids.add(value.fileId);
  }
  return ids;
}

/** The unit's state and the deadline, as the unit reads them at the top of the page. */
function MyState({ detail, submission, now }: { detail: CollectionDetail; submission: Submission; now: number }) {
  return (
    <div className="cl-my-state" data-testid="my-unit-state" data-state={submission.state}>
      <UnitStateTag state={submission.state} label={submission.stateLabel} />
      {submission.late ? <LateTag /> : null}
      {submission.state === 'submitted' && submission.submittedAt ? <span>报送于 {formatDateTime(submission.submittedAt)}</span> : null}
      {submission.state === 'draft' && submission.savedAt ? <span className="zs-cell-sub">草稿保存于 {formatDateTime(submission.savedAt)}</span> : null}
      <span className="cl-my-deadline">
        截止时间 <DeadlineText deadline={detail.deadline} state={detail.state} now={now} inline />
      </span>
    </div>
  );
}

export function FillView({ detail, unitId }: { detail: CollectionDetail; unitId: string }) {
  const query = useSubmission(detail.id, unitId);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  // A fresh form whenever the submission changes state (returned, submitted elsewhere), so it shows what was saved.
  return <FillForm key={`${query.data.state}-${query.data.returnCount}`} detail={detail} unitId={unitId} submission={query.data} />;
}

function FillForm({ detail, unitId, submission }: { detail: CollectionDetail; unitId: string; submission: Submission }) {
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const isMobile = useIsMobile();
  const now = useNow();
  const [form] = Form.useForm<Record<string, Value>>();
  const save = useSaveDraft(detail.id, unitId);
  const submit = useSubmitData(detail.id, unitId);
  const [cellErrors, setCellErrors] = useState<CellErrors>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const fields = detail.fields;
  const saved = savedFileIds(fields, submission.data);
  const fileHref = (fileId: string) => (saved.has(fileId) ? submissionFileUrl(detail.id, unitId, fileId) : null);
  const submitted = submission.state === 'submitted';
  const closed = detail.state !== 'open';
  const busy = save.isPending || submit.isPending;

  /** A new attempt starts clean: the marks of the last one go from the list, the cells and the inputs. */
  const clearProblems = () => {
    setProblems([]);
    setCellErrors({});
    setRefusal(null);
    form.setFields(fields.map((field) => ({ name: field.key, errors: [] })));
  };

  /** Every error by path, on its input (table cells too) and in the list at the top. */
  const showProblems = (byPath: Record<string, string>) => {
    const cells: CellErrors = {};
    const list: Problem[] = [];
    const onFields = new Map<string, string>();
    for (const [path, text] of Object.entries(byPath)) {
      const place = parseDataPath(path);
      const field = place ? fields.find((f) => f.key === place.key) : undefined;
      list.push({ path, key: field ? field.key : null, message: text });
      if (!place || !field) continue;
      if (place.row !== null && place.column) cells[field.key] = { ...cells[field.key], [`${place.row}.${place.column}`]: text };
      // One message per input: the first given.
      else if (!onFields.has(field.key)) onFields.set(field.key, text);
    }
    setCellErrors(cells);
    setProblems(list);
    form.setFields([...onFields].map(([name, text]) => ({ name, errors: [text] })));
    window.setTimeout(() => topRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), 50);
  };

  /** A refused save or submission: the server's errors where they belong, or its message at the top. */
  const showErrors = (error: unknown) => {
    if (isFieldsError(error) && Object.keys(error.fields).length) {
      showProblems(error.fields);
      return;
    }
    if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) {
      setRefusal(error.message);
      window.setTimeout(() => topRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), 50);
      return;
    }
    toastError(error);
  };

  const saveDraft = () => {
    clearProblems();
    save.mutate(collectValues(fields, form.getFieldsValue(true) as Record<string, unknown>), {
      onSuccess: () => message.success('草稿已保存'),
      onError: showErrors,
    });
  };

  const trySubmit = () => {
    clearProblems();
    const data = collectValues(fields, form.getFieldsValue(true) as Record<string, unknown>);
    // The server's own check, run here first so every problem shows before anything is sent.
    const { errors } = validateValues(fields, data);
    if (errors.length) {
      const byPath: Record<string, string> = {};
      for (const error of errors) byPath[error.path] ??= error.message;
      showProblems(byPath);
      return;
    }
    modal.confirm({
      title: '确认报送？',
      content: `报送后不能再修改；如需更正，须由党委办公室退回。${detail.deadline && new Date(detail.deadline).getTime() < Date.now() ? '已过截止时间，将记为逾期报送。' : ''}`,
      okText: '报送',
      cancelText: '再检查一下',
      okButtonProps: CONFIRM_OK,
      onOk: () =>
        submit
          .mutateAsync(data)
          .then(() => message.success('已报送'))
          .catch(showErrors),
    });
  };

  const header = (
    <div ref={topRef} className="cl-fill-top">
      <MyState detail={detail} submission={submission} now={now} />
      {submission.state === 'returned' && submission.returnedReason ? (
        <Alert
          type="error"
          showIcon
          className="cl-returned-alert"
          data-testid="returned-reason"
          title="已被退回，请修改后重新报送"
          description={<div className="cl-returned-text">退回原因：{submission.returnedReason}</div>}
        />
      ) : null}
      {refusal ? <Alert type="error" showIcon title={refusal} closable onClose={() => setRefusal(null)} data-testid="fill-refusal" /> : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          data-testid="fill-errors"
          title={`有 ${problems.length} 处需要修改`}
          description={
            <ul className="cl-problem-list">
              {problems.map((problem) => (
                <li key={`${problem.path}-${problem.message}`}>
                  {problem.key ? (
                    <a
                      onClick={(event) => {
                        event.preventDefault();
                        form.scrollToField(problem.key!, { block: 'center' });
                      }}
                    >
                      {problem.message}
                    </a>
                  ) : (
                    problem.message
                  )}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </div>
  );

  if (submitted || closed) {
    return (
      <div>
        {header}
        {submitted ? (
          <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="fill-submitted" title={`已报送${submission.submittedAt ? `（${formatDateTime(submission.submittedAt)}）` : ''}`} description="如发现填报有误，请联系党委办公室退回后修改。" />
        ) : (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="fill-closed" title="征集已结束，不能再填报或报送" />
        )}
        <SubmissionView fields={fields} data={submission.data ?? {}} isMobile={isMobile} fileHref={(fileId) => submissionFileUrl(detail.id, unitId, fileId)} />
      </div>
    );
  }

  return (
    <div>
      {header}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues(fields, submission.data)}
        className="cl-fill-form"
        data-testid="fill-form"
        scrollToFirstError={false}
        onValuesChange={(changed) => {
          // A field being corrected loses its mark and drops out of the list; a table's cell marks stay until the
          // next attempt, so none is lost while another cell is fixed.
          const keys = Object.keys(changed).filter((key) => fields.find((field) => field.key === key)?.type !== 'table');
          if (!keys.length) return;
          form.setFields(keys.filter((key) => form.getFieldError(key).length).map((key) => ({ name: key, errors: [] })));
          if (problems.some((problem) => problem.key && keys.includes(problem.key))) setProblems((current) => current.filter((problem) => !problem.key || !keys.includes(problem.key)));
        }}
      >
        <FillFields fields={fields} cellErrors={cellErrors} isMobile={isMobile} fileHref={fileHref} />
      </Form>
      <div className="cl-footer-bar">
        <Space size={8} wrap>
          <Button icon={<SaveOutlined />} onClick={saveDraft} loading={save.isPending} disabled={busy} data-testid="fill-save-draft">
            保存草稿
          </Button>
          <Button type="primary" icon={<SendOutlined />} onClick={trySubmit} loading={submit.isPending} disabled={busy} data-testid="fill-submit">
            报送
          </Button>
        </Space>
      </div>
    </div>
  );
}
