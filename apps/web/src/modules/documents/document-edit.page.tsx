import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { useEditorDocument, type EditorDocumentDetail } from './editor/editor.api';
import { DocumentEditor } from './editor/document-editor';

/** /documents/:id/edit — 拟稿 (and the later edits the reviewer or the issuer's clerks may make). */
export function DocumentEditPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const query = useEditorDocument(id);
  const [resigned, setResigned] = useState(false);

  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.editable) return <ReadOnlyNotice detail={query.data} resigned={resigned} />;
  // Keyed by document, so that moving to another document starts a fresh editor and autosave.
  return <DocumentEditor key={query.data.id} detail={query.data} me={me} onResignRequired={() => setResigned(true)} />;
}

/** Shown when the user may not edit (any more): e.g. after 送核稿 elsewhere, or when a 复核 took the text back to the signer. */
function ReadOnlyNotice({ detail, resigned }: { detail: EditorDocumentDetail; resigned: boolean }) {
  const navigate = useNavigate();
  return (
    <div>
      <PageHeader
        title={detail.title || '未命名公文'}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />}
      />
      <div className="zs-panel">
        {resigned ? (
          <Alert
            type="warning"
            showIcon
            title="您的修改已保存，文稿已退回签发领导复核"
            description="签发后修改标题、主送机关、正文、附件说明或附件属于实质性修改，须经签发领导重新签发后方可继续办理。"
          />
        ) : null}
        <Result
          status="info"
          title="当前不能修改此文稿"
          subTitle={`文稿处于“${detail.stateLabel}”环节，您可以查看办理详情，但不能修改文稿。`}
          extra={
            <Link to={`/documents/${detail.id}`} data-testid="editor-readonly-link">
              查看办理详情
            </Link>
          }
        />
      </div>
    </div>
  );
}
