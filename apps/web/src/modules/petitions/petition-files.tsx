// 附件 on a 信访 case: the scanned 来信 original, evidence and the handling unit's material. A file is uploaded to
// /api/files first and then attached; downloads go through /api/files, which asks whether the reader may see the case.
import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Select, Space, Tag, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, fileUrl } from '../../api/client';
import { useMe } from '../../app/auth';
import { isPetitionStaff } from '../../app/access';
import { uploadFile } from '../../shared/file-upload';
import { formatDateTime, formatFileSize } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useAttachPetitionFile, useRemovePetitionFile, type PetitionDetail, type PetitionFile, type PetitionFileKind } from './petitions.api';
import { CLOSED_STATES } from './petition-labels';

export const FILE_KIND_LABELS: Record<PetitionFileKind, string> = { original: '来信原件', evidence: '证明材料', handling: '办理材料' };
const KIND_COLORS: Record<PetitionFileKind, string> = { original: 'blue', evidence: 'gold', handling: 'green' };
/** While its unit holds the case, the handling unit adds its own material. */
const HOLDING_STATES = new Set(['handling', 'extension_requested']);

/** The kinds this reader may attach now: the 信访 clerk any while the case is open, the handling unit 办理材料 while it holds the case. */
function attachableKinds(detail: PetitionDetail, me: ReturnType<typeof useMe>): PetitionFileKind[] {
  if (CLOSED_STATES.has(detail.state)) return [];
  if (isPetitionStaff(me)) return ['original', 'evidence', 'handling'];
  if (detail.handlingUnitId && detail.handlingUnitId === me.unitId && HOLDING_STATES.has(detail.state)) return ['handling'];
  return [];
}

function FileRow({ detail, file }: { detail: PetitionDetail; file: PetitionFile }) {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const remove = useRemovePetitionFile(detail.id);
  return (
    <div className="pt-doc" data-testid="pt-file">
      <div style={{ minWidth: 0 }}>
        <Space size={6} wrap>
          <Tag color={KIND_COLORS[file.kind]} style={{ marginInlineEnd: 0 }}>
            {file.kindLabel}
          </Tag>
          <a
            href={fileUrl(file.id)}
            data-testid="pt-file-download"
            onClick={(event) => {
              event.preventDefault();
              void api.download(`/files/${encodeURIComponent(file.id)}`, undefined, file.name).catch(toastError);
            }}
          >
            <PaperClipOutlined /> {file.name}
          </a>
          <span className="zs-text-muted">{formatFileSize(file.size)}</span>
        </Space>
        <div className="zs-cell-sub">
          {[file.addedByName, file.addedByUnitName].filter(Boolean).join('，')} · {formatDateTime(file.addedAt)}
        </div>
      </div>
      {file.canRemove ? (
        <Popconfirm
          title={`删除附件“${file.name}”？`}
          description="删除将记入办理记录"
          okText="删除"
          okButtonProps={{ danger: true, loading: remove.isPending }}
          cancelText="取消"
          onConfirm={() =>
            remove.mutateAsync(file.id).then(
              () => message.success('已删除附件'),
              (error: unknown) => toastError(error),
            )
          }
        >
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除${file.name}`} data-testid="pt-file-remove" />
        </Popconfirm>
      ) : null}
    </div>
  );
}

/** The 附件 card of the case page. */
export function PetitionFiles({ detail }: { detail: PetitionDetail }) {
  const me = useMe();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const attach = useAttachPetitionFile(detail.id);
  const kinds = attachableKinds(detail, me);
  const [kind, setKind] = useState<PetitionFileKind | undefined>(undefined);
  const [uploading, setUploading] = useState(0);
  const chosen = kind && kinds.includes(kind) ? kind : kinds[0];

  const upload = async (file: File) => {
    if (!chosen) return;
    setUploading((n) => n + 1);
    try {
      const ref = await uploadFile(file);
      await attach.mutateAsync({ fileId: ref.id, kind: chosen });
      message.success(`已添加${FILE_KIND_LABELS[chosen]}“${ref.name}”`);
    } catch (error) {
      toastError(error);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Card title="附件" size="small" style={{ marginTop: 16 }} data-testid="pt-files">
      {detail.files.length ? (
        <div className="pt-doc-list">
          {detail.files.map((file) => (
            <FileRow key={file.id} detail={detail} file={file} />
          ))}
        </div>
      ) : (
        <Empty description="尚无附件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {chosen ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Select<PetitionFileKind>
            size="small"
            style={{ width: 120 }}
            value={chosen}
            onChange={setKind}
            options={kinds.map((value) => ({ value, label: FILE_KIND_LABELS[value] }))}
            aria-label="材料类别"
            data-testid="pt-file-kind"
          />
          <Upload multiple showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
            <Button size="small" icon={<UploadOutlined />} loading={uploading > 0} data-testid="pt-file-upload">
              上传附件
            </Button>
          </Upload>
        </Space>
      ) : null}
    </Card>
  );
}
