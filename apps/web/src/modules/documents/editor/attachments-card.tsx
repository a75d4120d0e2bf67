// 附件 files: uploaded through /api/files, then attached to the document.
import { useState } from 'react';
import { App, Button, Card, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { fileUrl } from '../../../api/client';
import type { FileRef } from '../../../api/types';
import { formatFileSize } from '../../../shared/format';
import { useErrorToast } from '../../../shared/use-error-toast';
import { uploadFile } from '../../../shared/file-upload';
import { useAddAttachments } from './editor.api';

/** "防汛预案.docx" → "防汛预案": the name a 附件说明 line gives. */
export function attachmentNameOf(fileName: string): string {
  return fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

export function AttachmentsCard({
  documentId,
  attachments,
  canEdit,
  noteNames,
  onAddNote,
}: {
  documentId: string;
  attachments: FileRef[];
  canEdit: boolean;
  /** Names already in 附件说明, so a file is offered for it only once. */
  noteNames: readonly string[];
  onAddNote: (name: string) => void;
}) {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const addAttachments = useAddAttachments(documentId);
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const ref = await uploadFile(file);
      await addAttachments.mutateAsync([ref.id]);
      message.success(`已上传附件“${ref.name}”`);
    } catch (error) {
      toastError(error);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Card
      size="small"
      title="附件"
      className="zs-editor-card"
      data-element="attachmentFiles"
      extra={
        canEdit ? (
          <Upload
            multiple
            showUploadList={false}
            customRequest={({ file }) => {
              void upload(file as File);
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading > 0}>
              上传附件
            </Button>
          </Upload>
        ) : null
      }
    >
      {attachments.length === 0 ? (
        <div className="zs-text-muted">暂无附件。附件随公文一并印发，请同时在“附件说明”中列明名称。</div>
      ) : (
        <div className="zs-attachments">
          {attachments.map((file) => {
            const name = attachmentNameOf(file.name);
            const noted = noteNames.includes(name);
            return (
              <div key={file.id} className="zs-editor-attachment">
                <a href={fileUrl(file.id)} download={file.name} target="_blank" rel="noreferrer">
                  <PaperClipOutlined /> {file.name} <span className="zs-text-muted">（{formatFileSize(file.size)}）</span>
                </a>
                {canEdit && !noted ? (
                  <Button size="small" type="link" onClick={() => onAddNote(name)}>
                    加入附件说明
                  </Button>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
