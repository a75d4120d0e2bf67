import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Empty, Space, Table, Tag, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useAddTopicMaterial, useMyTopics, useOpenForTopics, type MyTopic, type OpenForTopics } from './meetings.api';
import { formatInstant, toBeijing } from './meeting-labels';
import { TopicStateTag } from './meeting-parts';
import { ProposeTopicModal } from './meeting-topics-panel';
import { MaterialUploadModal } from './meeting-materials';
import './meetings.css';

function meetingDay(iso: string): string {
  return toBeijing(iso).format('M月D日（ddd）HH:mm');
}

/** /meetings/topics — 议题申报: meetings that take topics, and what the reader's unit has proposed. */
export function MeetingTopicsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const open = useOpenForTopics();
  const mine = useMyTopics();
  const addMaterial = useAddTopicMaterial();
  const [proposing, setProposing] = useState<OpenForTopics | null>(null);
  const [uploadFor, setUploadFor] = useState<MyTopic | null>(null);
  const isOffice = me.roles.includes('office');

  const columns: TableColumnsType<MyTopic> = [
    {
      title: '议题',
      dataIndex: 'title',
      render: (title: string, t) => (
        <div>
          <div>{title}</div>
          {t.presenter ? <div className="zs-cell-sub">{`汇报人：${t.presenter}`}</div> : null}
        </div>
      ),
    },
    {
      title: '会议',
      dataIndex: 'meetingTitle',
      render: (title: string, t) => (
        <div>
          <div>{title}</div>
          <div className="zs-cell-sub">{meetingDay(t.meetingStartsAt)}</div>
        </div>
      ),
    },
    ...(isOffice ? [{ title: '申报单位', dataIndex: 'proposerUnitName', width: 160 }] : []),
    { title: '状态', dataIndex: 'state', width: 90, render: (_v, t) => <TopicStateTag state={t.state} label={t.stateLabel} /> },
    {
      title: '审定意见',
      dataIndex: 'decisionReason',
      render: (reason: string | null, t) => (t.state === 'deferred' ? <span className="zs-text-due-soon">{reason || '—'}</span> : <span className="zs-text-muted">{reason || '—'}</span>),
    },
    {
      title: '材料',
      key: 'material',
      width: 110,
      render: (_v, t) =>
        t.state === 'approved' ? (
          <Button size="small" icon={<UploadOutlined />} onClick={() => setUploadFor(t)} data-testid="topic-upload-material">
            上传材料
          </Button>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        title="议题申报"
        subtitle="向征集议题的会议申报议题；县委办审定后，通过的议题可上传汇报材料"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回会议列表" onClick={() => navigate('/meetings')} />}
      />
      <div className="zs-panel">
        <h3 className="mt-section-title">征集议题的会议</h3>
        {open.isError ? (
          <QueryError error={open.error} onRetry={() => void open.refetch()} />
        ) : (open.data ?? []).length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={open.isPending ? '加载中…' : '目前没有征集议题的会议'} />
        ) : (
          <div className="mt-open-list">
            {(open.data ?? []).map((m) => (
              <div key={m.id} className="mt-open-meeting" data-testid="open-for-topics" data-title={m.title}>
                <div className="mt-open-meeting-main">
                  <div className="mt-topic-title">{m.title}</div>
                  <div className="zs-cell-sub">
                    <Tag style={{ marginInlineEnd: 6 }}>{m.typeName}</Tag>
                    {`${meetingDay(m.startsAt)} 召开`}
                    {m.topicDeadline ? ` · 申报截止 ${formatInstant(m.topicDeadline)}` : ''}
                  </div>
                </div>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(m)} data-testid="topic-propose">
                  申报议题
                </Button>
              </div>
            ))}
          </div>
        )}
      </div>

      <div className="zs-panel">
        <h3 className="mt-section-title">{isOffice ? '已申报的议题' : '我单位申报的议题'}</h3>
        {mine.isError ? (
          <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : isMobile ? (
          (mine.data ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未申报议题" />
          ) : (
            <div className="zs-card-list">
              {(mine.data ?? []).map((t) => (
                <div key={t.id} className="zs-item-card" style={{ cursor: 'default' }} data-testid="my-topic-row" data-title={t.title}>
                  <div className="zs-cell-sub">{`${t.meetingTitle} · ${meetingDay(t.meetingStartsAt)}`}</div>
                  <div className="zs-item-card-title">{t.title}</div>
                  <Space size={8} wrap>
                    <TopicStateTag state={t.state} label={t.stateLabel} />
                    {t.decisionReason ? <span className="zs-cell-sub">{t.decisionReason}</span> : null}
                    {t.state === 'approved' ? (
                      <Button size="small" icon={<UploadOutlined />} onClick={() => setUploadFor(t)} data-testid="topic-upload-material">
                        上传材料
                      </Button>
                    ) : null}
                  </Space>
                </div>
              ))}
            </div>
          )
        ) : (
          <Table<MyTopic>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={mine.data ?? []}
            loading={mine.isPending}
            pagination={false}
            scroll={{ x: 800 }}
            onRow={(t) => ({ 'data-testid': 'my-topic-row', 'data-title': t.title }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未申报议题" /> }}
          />
        )}
      </div>

      {proposing ? <ProposeTopicModal meetingId={proposing.id} meetingTitle={proposing.title} onBehalf={isOffice} onClose={() => setProposing(null)} /> : null}
      {uploadFor ? (
        <MaterialUploadModal
          title={`上传议题材料：${uploadFor.title}`}
          fixedTopicId={uploadFor.id}
          pending={addMaterial.isPending}
          onSubmit={(input, handlers) => addMaterial.mutate({ ...input, meetingId: uploadFor.meetingId }, { onSuccess: handlers.onSuccess, onError: handlers.onError })}
          onClose={() => setUploadFor(null)}
        />
      ) : null}
    </div>
  );
}
