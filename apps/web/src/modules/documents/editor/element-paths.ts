// Element paths ("title", "body[3]", "attachments[0].body[2]") as findings and comments name them:
// their Chinese names, and the place in the editor each one is edited.

const ELEMENT_NAMES: Record<string, string> = {
  copyNumber: '份号',
  classification: '密级',
  urgency: '紧急程度',
  issuerMark: '发文机关标志',
  issuerMarkOrgans: '发文机关标志',
  documentNumber: '发文字号',
  signers: '签发人',
  title: '标题',
  primaryRecipients: '主送机关',
  body: '正文',
  attachmentNotes: '附件说明',
  issuerSignatures: '发文机关署名',
  signatureStamps: '签发人职务和签名章',
  issueDate: '成文日期',
  sealed: '印章',
  note: '附注',
  attachments: '附件',
  copyRecipients: '抄送机关',
  printingOrgan: '印发机关',
  printingDate: '印发日期',
  attendees: '出席',
  absentees: '请假',
  nonVotingAttendees: '列席',
  documentType: '文种',
  document: '全文',
};

/** "body[3]" → "正文第4段", "attachmentNotes[0]" → "附件说明第1项", "attachments[1].body[0]" → "附件2第1段". */
export function describeElement(path: string): string {
  const attachment = /^attachments\[(\d+)\]\.(title|body\[(\d+)\])$/.exec(path);
  if (attachment) {
    const n = Number(attachment[1]) + 1;
    return attachment[2] === 'title' ? `附件${n}标题` : `附件${n}第${Number(attachment[3]) + 1}段`;
  }
  const indexed = /^(\w+)\[(\d+)\]$/.exec(path);
  if (indexed) {
    const name = ELEMENT_NAMES[indexed[1]!] ?? indexed[1]!;
    const n = Number(indexed[2]) + 1;
    if (indexed[1] === 'body') return `${name}第${n}段`;
    if (indexed[1] === 'attachmentNotes') return `${name}第${n}项`;
    return `${name}第${n}个`;
  }
  return ELEMENT_NAMES[path] ?? path;
}

/** The path itself, then ever shorter ones: "attachments[0].body[2]" → "attachments[0]" → "attachments". */
export function pathCandidates(path: string): string[] {
  const out = [path];
  let current = path;
  for (;;) {
    const shorter = current.replace(/(\.\w+|\[\d+\])$/, '');
    if (shorter === current || !shorter) break;
    out.push(shorter);
    current = shorter;
  }
  return out;
}

/** The base element of a path: "body[3]" → "body". */
export function baseElement(path: string): string {
  return /^\w+/.exec(path)?.[0] ?? path;
}

/** Where an element is edited: the nearest wrapper carrying `data-element`. */
export function findElementNode(path: string, root: ParentNode = document): HTMLElement | null {
  for (const candidate of pathCandidates(path)) {
    const node = root.querySelector<HTMLElement>(`[data-element="${CSS.escape(candidate)}"]`);
    if (node) return node;
  }
  return null;
}

const FLASH_CLASS = 'zs-editor-flash';

/** Scrolls to the field of an element, highlights it for a moment and puts the cursor in it. */
export function revealElement(path: string): boolean {
  const node = findElementNode(path);
  if (!node) return false;
  node.scrollIntoView({ behavior: 'smooth', block: 'center' });
  node.classList.remove(FLASH_CLASS);
  // Restart the animation when the same field is revealed twice in a row.
  void node.offsetWidth;
  node.classList.add(FLASH_CLASS);
  window.setTimeout(() => node.classList.remove(FLASH_CLASS), 2000);
  const field = node.querySelector<HTMLElement>('textarea:not([disabled]), input:not([disabled]):not([type="hidden"])');
  field?.focus({ preventScroll: true });
  return true;
}
