import { Tooltip, Typography } from 'antd';
import { CheckOutlined, CloudSyncOutlined, DisconnectOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { SaveStatus } from './autosave-engine';

/** The autosave's state in words, e.g. "已保存 14:03:27" or "未保存（网络中断，已存在本机）". */
export function saveStatusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'clean':
      return '已载入最新版本';
    case 'pending':
      return '编辑中…';
    case 'saving':
      return '保存中…';
    case 'saved':
      return `已保存 ${dayjs(status.at).format('HH:mm:ss')}`;
    case 'offline':
      return status.storedLocally ? '未保存（网络中断，已存在本机）' : '未保存（网络中断，请勿关闭页面）';
    case 'conflict':
      return status.storedLocally ? '未保存（他人已修改，已存在本机）' : '未保存（他人已修改）';
    case 'failed':
      return status.storedLocally ? '未保存（已存在本机）' : '未保存';
  }
}

export function SaveStatusText({ status }: { status: SaveStatus }) {
  const text = saveStatusText(status);
  const danger = status.kind === 'offline' || status.kind === 'conflict' || status.kind === 'failed';
  const icon =
    status.kind === 'saved' || status.kind === 'clean' ? (
      <CheckOutlined />
    ) : status.kind === 'saving' ? (
      <CloudSyncOutlined />
    ) : status.kind === 'pending' ? (
      <EditOutlined />
    ) : status.kind === 'offline' ? (
      <DisconnectOutlined />
    ) : (
      <WarningOutlined />
    );
  const label = (
    <Typography.Text type={danger ? 'danger' : 'secondary'} className="zs-editor-save-state" data-testid="editor-save-state" data-state={status.kind} aria-live="polite">
      {icon}
      <span className="zs-editor-save-text">{text}</span>
    </Typography.Text>
  );
  return status.kind === 'failed' ? <Tooltip title={status.message}>{label}</Tooltip> : label;
}
