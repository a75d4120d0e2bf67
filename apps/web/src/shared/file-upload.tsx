import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import type { FileRef } from '../api/types';

/** Uploads one file to the files API; the record it belongs to links it later by id. */
export function uploadFile(file: File): Promise<FileRef> {
  return api.upload<FileRef>('/files', file, file.name);
}

/** The ids of the files in an Upload list that finished uploading. */
export function uploadedIds(files: UploadFile<FileRef>[]): string[] {
  return files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

/** A multi-file upload button: each file goes to the files API as it is picked, and a failure says which file and why. */
export function FileUpload({ files, onChange }: { files: UploadFile<FileRef>[]; onChange: (files: UploadFile<FileRef>[]) => void }) {
  const { message } = App.useApp();
  return (
    <Upload<FileRef>
      multiple
      fileList={files}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File)
          .then((ref) => onSuccess?.(ref))
          .catch((error: unknown) => {
            const text = error instanceof Error ? error.message : '上传失败';
            onError?.(new Error(text));
            message.error(`${(file as File).name}：${text}`);
          });
      }}
    >
      <Button icon={<UploadOutlined />}>选择文件</Button>
    </Upload>
  );
}
