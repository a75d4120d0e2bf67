// Notices above the editor: a save that failed or conflicted, and what editing a signed document means.
import { Alert, Button, Space } from 'antd';
import type { SaveStatus } from './autosave-engine';

export function EditorBanners({
  status,
  resignRequired,
  signed,
  onLoadLatest,
  onOverwrite,
}: {
  status: SaveStatus;
  resignRequired: boolean;
  signed: boolean;
  onLoadLatest: () => void;
  onOverwrite: () => void;
}) {
  return (
    <>
      {status.kind === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          className="zs-editor-banner"
          title="文稿已被他人修改，您的修改未能保存到服务器"
          description={
            status.storedLocally
              ? '您的修改已保留在本机，不会丢失。可以载入服务器上的最新版本（放弃您的修改），或用您的修改覆盖服务器上的版本。'
              : '可以载入服务器上的最新版本（放弃您的修改），或用您的修改覆盖服务器上的版本。'
          }
          action={
            <Space orientation="vertical">
              <Button size="small" onClick={onLoadLatest}>
                载入最新版本
              </Button>
              <Button size="small" danger onClick={onOverwrite}>
                用我的修改覆盖
              </Button>
            </Space>
          }
        />
      ) : null}
      {status.kind === 'failed' ? (
        <Alert
          type="error"
          showIcon
          className="zs-editor-banner"
          title={`保存未成功：${status.message}`}
          description={status.storedLocally ? '您的修改已保留在本机。' : undefined}
        />
      ) : null}
      {status.kind === 'offline' ? (
        <Alert
          type="warning"
          showIcon
          className="zs-editor-banner"
          title="网络中断，修改暂未保存到服务器"
          description={status.storedLocally ? '修改已保留在本机，网络恢复后将自动保存。' : '网络恢复后将自动保存，请不要关闭页面。'}
        />
      ) : null}
      {resignRequired ? (
        <Alert
          type="warning"
          showIcon
          className="zs-editor-banner"
          title="文稿已退回签发领导复核"
          description="签发后修改标题、主送机关、正文、附件说明或附件属于实质性修改，须经签发领导重新签发（复核）后方可继续办理。"
        />
      ) : signed ? (
        <Alert
          type="info"
          showIcon
          className="zs-editor-banner"
          title="文稿已签发"
          description="修改标题、主送机关、正文、附件说明或附件，文稿将退回签发领导复核；仅修改其他要素不受影响。"
        />
      ) : null}
    </>
  );
}
