import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Collapse, Form, Result, Space, type ButtonProps } from 'antd';
import { ArrowLeftOutlined, BellOutlined, ClockCircleOutlined, EditOutlined, PlusOutlined, PoweroffOutlined, RedoOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useCloseCollection, useCollection, type CollectionDetail, type UnitEntry } from './collections.api';
import { CollectionStateTag, DeadlineText, MeetingLink, oversees, useNow } from './collection-parts';
import { AddUnitsModal, CompletionPanel, DeadlineModal, RemindTooltip, ReturnModal, SubmissionDrawer, UnitsTable, useRemind } from './collection-office';
import { FillView } from './collection-fill';
import { FillFields } from './fill-form';
import { SummaryPanel } from './summary-table';
import './collections.css';

const CONFIRM_OK = { 'data-testid': 'action-submit' } as ButtonProps;
const CONFIRM_DANGER = { 'data-testid': 'action-submit', danger: true } as ButtonProps;

/** The office's buttons: 催报, 截止时间, 追加单位, 结束 / 重新开放, and 编辑 while a draft. */
function ManageActions({ detail, onDeadline, onAddUnits }: { detail: CollectionDetail; onDeadline: () => void; onAddUnits: () => void }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const remind = useRemind(detail);
  const closing = useCloseCollection(detail.id);
  const notSubmitted = detail.units.filter((entry) => entry.state !== 'submitted').length;

  if (detail.state === 'draft') {
    return (
      <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/collections/${encodeURIComponent(detail.id)}/edit`)} data-testid="collection-edit">
        编辑并发出
      </Button>
    );
  }
  const close = () =>
    modal.confirm({
      title: '结束征集？',
      content: notSubmitted ? `还有${notSubmitted}个单位未报送。结束后各单位不能再填报或报送，汇总表以已报送的数据为准；需要时可重新开放。` : '结束后各单位不能再填报或报送；需要时可重新开放。',
      okText: '结束征集',
      cancelText: '取消',
      okButtonProps: CONFIRM_DANGER,
      onOk: () =>
        closing
          .mutateAsync('close')
          .then(() => message.success('征集已结束'))
          .catch(toastError),
    });
  const reopen = () =>
    modal.confirm({
      title: '重新开放征集？',
      content: '重新开放后，未报送和被退回的单位可以继续填报、报送。',
      okText: '重新开放',
      cancelText: '取消',
      okButtonProps: CONFIRM_OK,
      onOk: () =>
        closing
          .mutateAsync('reopen')
          .then(() => message.success('征集已重新开放'))
          .catch(toastError),
    });
  return (
    <Space size={8} wrap>
      {detail.state === 'open' ? (
        <>
          <RemindTooltip count={notSubmitted}>
            <Button icon={<BellOutlined />} onClick={() => remind()} disabled={!notSubmitted} data-testid="collection-remind">
              催报{notSubmitted ? `（${notSubmitted}）` : ''}
            </Button>
          </RemindTooltip>
          <Button icon={<ClockCircleOutlined />} onClick={onDeadline} data-testid="collection-edit-deadline">
            修改截止时间
          </Button>
          <Button icon={<PlusOutlined />} onClick={onAddUnits} data-testid="collection-add-units">
            追加单位
          </Button>
          <Button danger icon={<PoweroffOutlined />} onClick={close} loading={closing.isPending} data-testid="collection-close">
            结束征集
          </Button>
        </>
      ) : (
        <>
          <Button icon={<RedoOutlined />} onClick={reopen} loading={closing.isPending} data-testid="collection-reopen">
            重新开放
          </Button>
          <Button icon={<ClockCircleOutlined />} onClick={onDeadline} data-testid="collection-edit-deadline">
            修改截止时间
          </Button>
        </>
      )}
    </Space>
  );
}

/** The form itself, folded away: what the units were asked. */
function FormOverview({ detail, isMobile }: { detail: CollectionDetail; isMobile: boolean }) {
  return (
    <Collapse
      className="cl-form-overview"
      defaultActiveKey={detail.state === 'draft' ? ['form'] : []}
      items={[
        {
          key: 'form',
          label: `表单内容（${detail.fields.length}项）`,
          children: (
            <Form layout="vertical" disabled>
              <FillFields fields={detail.fields} isMobile={isMobile} />
            </Form>
          ),
        },
      ]}
    />
  );
}

function OfficeView({ detail, canFill, onFill }: { detail: CollectionDetail; canFill: boolean; onFill: () => void }) {
  const isMobile = useIsMobile();
  const [viewing, setViewing] = useState<UnitEntry | null>(null);
  const [returning, setReturning] = useState<UnitEntry | null>(null);
  const [deadlineOpen, setDeadlineOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const remind = useRemind(detail);
  const sent = detail.state !== 'draft';
  return (
    <>
      {detail.canManage || canFill ? (
        <div className="cl-manage-bar">
          {detail.canManage ? <ManageActions detail={detail} onDeadline={() => setDeadlineOpen(true)} onAddUnits={() => setAddOpen(true)} /> : null}
          {canFill ? (
            <Button onClick={onFill} data-testid="collection-fill-own">
              填报本单位
            </Button>
          ) : null}
        </div>
      ) : null}
      {detail.description ? <div className="zs-panel cl-description">{detail.description}</div> : null}
      {sent ? (
        <div className="zs-panel">
          <CompletionPanel completion={detail.completion} />
        </div>
      ) : null}
      <div className="zs-panel">
        <div className="cl-section-head">
          <h3 className="cl-section-title">{sent ? '填报情况' : '征集单位'}</h3>
          {!sent ? <span className="zs-cell-sub">尚未发出；发出后各单位收到填报待办</span> : null}
        </div>
        <UnitsTable detail={detail} onView={setViewing} onReturn={setReturning} onRemind={(entry) => remind(entry)} />
      </div>
      {sent ? <SummaryPanel detail={detail} /> : null}
      <div style={{ marginTop: 16 }}>
        <FormOverview detail={detail} isMobile={isMobile} />
      </div>
      <SubmissionDrawer
        detail={detail}
        entry={viewing}
        onClose={() => setViewing(null)}
        onReturn={(entry) => {
          setReturning(entry);
        }}
      />
      <ReturnModal
        detail={detail}
        entry={returning}
        onClose={() => setReturning(null)}
        onDone={() => {
          setReturning(null);
          setViewing(null);
        }}
      />
      {detail.canManage ? (
        <>
          {/* Mounted only while open: a closed dialog left in the page would hold a second OK button. */}
          {deadlineOpen ? <DeadlineModal detail={detail} onClose={() => setDeadlineOpen(false)} /> : null}
          {addOpen ? <AddUnitsModal detail={detail} onClose={() => setAddOpen(false)} /> : null}
        </>
      ) : null}
    </>
  );
}

/** /collections/:id — the office and leaders follow completion and the summary; a unit fills its part. */
export function CollectionDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const query = useCollection(id, { follow: oversees(me) });
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/collections')} />;

  if (query.isPending || query.isError) return <DetailLoadState query={query} title="情况征集" back={back} />;
  const detail = query.data;
  const overseer = oversees(me, detail.canManage);
  const ownEntry = detail.myUnitId ? detail.units.find((entry) => entry.unitId === detail.myUnitId) : undefined;
  const canFill = Boolean(ownEntry) && detail.state !== 'draft';
  const fillView = canFill && (!overseer || params.get('view') === 'fill');

  return (
    <div className="cl-detail-page">
      <PageHeader
        back={back}
        title={<span data-testid="collection-title">{detail.title}</span>}
        subtitle={
          <Space size={8} wrap>
            <CollectionStateTag state={detail.state} label={detail.stateLabel} testId="collection-state" />
            {!fillView ? (
              detail.deadline ? (
                <span>
                  截止 <DeadlineText deadline={detail.deadline} state={detail.state} now={now} inline />
                </span>
              ) : (
                <span className="zs-text-muted">未设截止时间</span>
              )
            ) : null}
            {detail.sentAt ? <span>发出于 {formatDateTime(detail.sentAt)}</span> : null}
            {detail.meetingId ? (
              <span>
                关联会议：<MeetingLink meetingId={detail.meetingId} meetingTitle={detail.meetingTitle} />
              </span>
            ) : null}
          </Space>
        }
        extra={
          fillView && overseer ? (
            <Button
              onClick={() => {
                const next = new URLSearchParams(params);
                next.delete('view');
                setParams(next, { replace: true });
              }}
            >
              返回汇总
            </Button>
          ) : undefined
        }
      />
      {fillView && ownEntry ? (
        <div className="zs-panel">
          {detail.description ? <div className="cl-description cl-description-inline">{detail.description}</div> : null}
          <FillView detail={detail} unitId={ownEntry.unitId} />
        </div>
      ) : overseer ? (
        <OfficeView
          detail={detail}
          canFill={canFill}
          onFill={() => {
            const next = new URLSearchParams(params);
            next.set('view', 'fill');
            setParams(next, { replace: true });
          }}
        />
      ) : (
        <div className="zs-panel">
          <Result status="info" title="本单位不在此次征集范围内" subTitle="如需报送，请联系党委办公室追加本单位。" />
        </div>
      )}
    </div>
  );
}
