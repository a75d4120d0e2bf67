// The 拟稿 editor: the structured form, the live findings beside it, autosave with a local copy,
// reviewers' comments, attachments and 送核稿.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Space, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import type { CheckOptions } from '@zhongshu/core/gongwen/checker.ts';
import type { Me } from '../../../api/types';
import { PageHeader } from '../../../shared/page-header';
import { useErrorToast } from '../../../shared/use-error-toast';
import { documentDetailKey, fetchEditorDocument, printViewUrl, useResolveComment, type DocumentComment, type EditorDocumentDetail, type SaveContentResult } from './editor.api';
import { emptyContent, normalise, numberAttachmentNotes, reconcileWithRecord, sameContent, setElement, type DraftValue } from './editor-model';
import { EditorProvider, type EditorContextValue, type Recipe, type UpdateOptions } from './editor-context';
import { useAutosave } from './use-autosave';
import { useLiveFindings, type LiveFinding, type ServerCheck } from './use-live-findings';
import { useEditorPickers } from './use-editor-pickers';
import { clearLocalDraft, readLocalDraft } from './local-draft';
import { HeadSection } from './head-section';
import { MainSection } from './main-section';
import { ClosingSection } from './closing-section';
import { ImprintSection } from './imprint-section';
import { FindingsPanel } from './findings-panel';
import { CommentsPanel } from './comments-panel';
import { AttachmentsCard } from './attachments-card';
import { SubmitModal } from './submit-modal';
import { SaveStatusText } from './save-status';
import { EditorBanners } from './editor-banners';
import './editor.css';

/** States after 签发 in which the issuer's clerks may still edit; a change of substance then goes back to the signer. */
const SIGNED_STATES = new Set(['numbering', 'sealing', 'distributing']);

function valueFromDetail(detail: EditorDocumentDetail): DraftValue {
  const content = detail.content ?? emptyContent(detail.docType, detail.format);
  return { content: reconcileWithRecord(content, detail), important: detail.important };
}

export function DocumentEditor({
  detail,
  me,
  onResignRequired,
}: {
  detail: EditorDocumentDetail;
  me: Me;
  /** A save sent the document back to the signer (复核); the page may no longer be editable after it. */
  onResignRequired?: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const pickers = useEditorPickers();
  const resolve = useResolveComment(detail.id);

  const [value, setValue] = useState<DraftValue>(() => valueFromDetail(detail));
  const valueRef = useRef(value);
  const [serverCheck, setServerCheck] = useState<ServerCheck | null>(() =>
    detail.content ? { findings: detail.findings, basis: detail.content } : null,
  );
  const [resignRequired, setResignRequired] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // Classified text is never written to the browser's disk (保密: no classified content on unmanaged storage).
  const keepLocalCopy = detail.classification === 'none';

  const refreshDetail = useCallback(
    () => queryClient.invalidateQueries({ queryKey: documentDetailKey(detail.id) }),
    [queryClient, detail.id],
  );

  const { engine, status } = useAutosave({
    documentId: detail.id,
    userId: me.id,
    initialValue: value,
    initialRev: detail.contentRev,
    keepLocalCopy,
    onSaved: (result: SaveContentResult, sent: DraftValue) => {
      setServerCheck({ findings: result.findings, basis: sent.content });
      if (result.resignRequired) {
        setResignRequired(true);
        message.warning('修改涉及实质内容，文稿已退回签发领导复核');
        onResignRequired?.();
        void refreshDetail();
      }
    },
    onRefused: () => void refreshDetail(),
  });

  const apply = useCallback(
    (next: DraftValue, immediate?: boolean) => {
      valueRef.current = next;
      setValue(next);
      engine.change(next, immediate);
    },
    [engine],
  );

  const update = useCallback(
    (recipe: Recipe, options?: UpdateOptions) => {
      const current = valueRef.current;
      const content = normalise(recipe(current.content));
      if (content === current.content) return;
      apply({ ...current, content }, options?.immediate);
    },
    [apply],
  );

  const setImportant = useCallback((important: boolean) => apply({ ...valueRef.current, important }), [apply]);

  // A copy left in this browser by an earlier session that never reached the server: offer it back once.
  const offered = useRef(false);
  useEffect(() => {
    if (offered.current || !keepLocalCopy) return;
    offered.current = true;
    const local = readLocalDraft(me.id, detail.id);
    if (!local) return;
    const server = valueRef.current;
    if (sameContent(normalise(local.content), server.content) && local.important === server.important) {
      clearLocalDraft(me.id, detail.id);
      return;
    }
    const stale = local.baseRev < detail.contentRev;
    modal.confirm({
      title: '发现本机未保存的内容',
      content: `本机在 ${new Date(local.savedAt).toLocaleString('zh-CN', { hour12: false })} 保留了一份尚未保存到服务器的修改。${
        stale ? '此后服务器上的文稿已有更新，恢复将以本机内容覆盖这些更新。' : ''
      }`,
      okText: '恢复本机未保存的内容',
      cancelText: '放弃',
      onOk: () => apply({ content: normalise(local.content), important: local.important }, true),
      onCancel: () => clearLocalDraft(me.id, detail.id),
    });
  }, [keepLocalCopy, me.id, detail.id, detail.contentRev, modal, apply]);

  // Someone else's change (or the server's own, e.g. adding an attachment) while nothing is pending here: follow it.
  useEffect(() => {
    if (detail.contentRev <= engine.currentRev || engine.hasUnsaved() || engine.isBusy()) return;
    const next = valueFromDetail(detail);
    valueRef.current = next;
    setValue(next);
    engine.rebase(detail.contentRev, next);
    if (detail.content) setServerCheck({ findings: detail.findings, basis: detail.content });
  }, [detail, engine]);

  const checkOptions = useMemo<CheckOptions>(() => (pickers.orgTree.length ? { orgTree: pickers.orgTree } : {}), [pickers.orgTree]);
  const live = useLiveFindings(value.content, serverCheck, checkOptions);

  const onFix = useCallback(
    (finding: LiveFinding) => {
      const fixed = live.fix(finding);
      if (!fixed) {
        message.info('该问题已随修改消失');
        return;
      }
      update(() => fixed, { immediate: true });
    },
    [live, update, message],
  );

  const commentsByElement = useMemo(() => {
    const map = new Map<string, DocumentComment[]>();
    for (const comment of detail.comments) {
      if (comment.resolvedAt) continue;
      map.set(comment.element, [...(map.get(comment.element) ?? []), comment]);
    }
    return map;
  }, [detail.comments]);

  // `mutate` is stable where the mutation object is not; the memoised paragraph rows depend on this callback.
  const resolveMutate = resolve.mutate;
  const resolveComment = useCallback((id: string) => resolveMutate(id, { onError: toastError }), [resolveMutate, toastError]);
  const resolvingCommentId = resolve.isPending ? (resolve.variables ?? null) : null;

  const context = useMemo<EditorContextValue>(
    () => ({
      content: value.content,
      important: value.important,
      update,
      setImportant,
      severityByElement: live.severityByElement,
      commentsByElement,
      resolveComment,
      resolvingCommentId,
      pickers,
      hasCoIssuers: detail.coIssuerUnits.length > 0,
    }),
    [value, update, setImportant, live.severityByElement, commentsByElement, resolveComment, resolvingCommentId, pickers, detail.coIssuerUnits.length],
  );

  const loadLatest = async () => {
    try {
      const latest = await fetchEditorDocument(detail.id);
      queryClient.setQueryData(documentDetailKey(detail.id), latest);
      const next = valueFromDetail(latest);
      valueRef.current = next;
      setValue(next);
      engine.rebase(latest.contentRev, next);
      if (latest.content) setServerCheck({ findings: latest.findings, basis: latest.content });
      message.success('已载入服务器上的最新版本');
    } catch (error) {
      toastError(error);
    }
  };

  const overwrite = () =>
    modal.confirm({
      title: '用您的修改覆盖服务器上的版本？',
      content: '他人在此期间所做的修改将被覆盖（版本记录中仍可查到）。',
      okText: '覆盖',
      okButtonProps: { danger: true },
      cancelText: '再想想',
      onOk: async () => {
        try {
          const latest = await fetchEditorDocument(detail.id);
          engine.rebase(latest.contentRev);
          await engine.saveNow();
        } catch (error) {
          toastError(error);
        }
      },
    });

  const preview = async () => {
    // Opened before the save so that the browser still counts it as the click's own window.
    const win = window.open('about:blank', '_blank');
    try {
      await engine.flush();
    } catch {
      message.warning('最新修改尚未保存，预览显示的是上次保存的版本');
    }
    if (win) {
      win.opener = null;
      win.location.href = printViewUrl(detail.id);
    } else {
      window.open(printViewUrl(detail.id), '_blank', 'noopener');
    }
  };

  const canSubmit = detail.availableActions.some((a) => a.action === 'submit') || detail.state === 'drafting';
  const title = value.content.elements.title?.trim() || '未命名公文';
  // The drafter drafts; the reviewer and, after 签发, the issuer's clerks revise.
  const heading = detail.state === 'drafting' ? '拟稿' : '修改文稿';
  const noteNames = (value.content.elements.attachmentNotes ?? []).map((n) => n.name);

  return (
    <EditorProvider value={context}>
      <PageHeader
        title={`${heading}：${title}`}
        subtitle={
          <Space size={4} wrap>
            <span>{detail.unitName}</span>
            <Tag>{value.content.documentType ?? detail.docType}</Tag>
            <Tag>{value.content.format}</Tag>
            <Tag color="processing">{detail.stateLabel}</Tag>
            {detail.numberText ? <span>{detail.numberText}</span> : null}
          </Space>
        }
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(`/documents/${detail.id}`)} />}
        extra={
          <Space wrap>
            <SaveStatusText status={status} />
            {detail.topSecret ? (
              <Tooltip title="绝密公文只能在系统内阅读，不能打印">
                <Button icon={<EyeOutlined />} disabled>
                  预览版式
                </Button>
              </Tooltip>
            ) : (
              <Button icon={<EyeOutlined />} onClick={() => void preview()} data-testid="editor-preview">
                预览版式
              </Button>
            )}
            {canSubmit ? (
              <Button type="primary" icon={<SendOutlined />} data-testid="editor-submit" onClick={() => setSubmitting(true)}>
                送核稿
              </Button>
            ) : null}
          </Space>
        }
      />
      <EditorBanners
        status={status}
        resignRequired={resignRequired}
        signed={SIGNED_STATES.has(detail.state)}
        onLoadLatest={() => void loadLatest()}
        onOverwrite={overwrite}
      />
      <Row gutter={16} className="zs-editor-layout">
        <Col xs={24} lg={16}>
          <Card size="small" title="版头" className="zs-editor-card">
            <HeadSection />
          </Card>
          <Card size="small" title="主体" className="zs-editor-card">
            <MainSection />
            <ClosingSection />
          </Card>
          <Card size="small" title="版记" className="zs-editor-card">
            <ImprintSection />
          </Card>
          <AttachmentsCard
            documentId={detail.id}
            attachments={detail.attachments}
            canEdit={detail.editable}
            noteNames={noteNames}
            onAddNote={(name) =>
              update((c) => {
                const names = [...(c.elements.attachmentNotes ?? []).map((n) => n.name).filter(Boolean), name];
                return setElement(c, 'attachmentNotes', numberAttachmentNotes(names));
              })
            }
          />
        </Col>
        <Col xs={24} lg={8}>
          <div className="zs-editor-side">
            <FindingsPanel findings={live.findings} counts={live.counts} content={value.content} canFix onFix={onFix} />
            <CommentsPanel comments={detail.comments} onResolve={resolveComment} resolvingId={resolvingCommentId} />
          </div>
        </Col>
      </Row>
      {submitting ? (
        <SubmitModal
          detail={detail}
          pickers={pickers}
          errorCount={live.counts.error}
          important={value.important}
          flush={() => engine.flush()}
          onClose={() => setSubmitting(false)}
          onSubmitted={() => {
            setSubmitting(false);
            navigate(`/documents/${detail.id}`);
          }}
        />
      ) : null}
    </EditorProvider>
  );
}
