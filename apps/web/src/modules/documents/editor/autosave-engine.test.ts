/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../api/client';
import { AutosaveEngine, type AutosaveDeps } from './autosave-engine';
import type { SaveContentInput, SaveContentResult } from './editor.api';
import type { DraftValue } from './editor-model';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function draft(text: string): DraftValue {
  return { content: { documentType: '通知', format: '文件式', elements: { title: text, body: [] } }, important: false };
}

/** An engine over a fake server; `answers` decides each save in turn (default: accept). */
function setup(answers: Array<(input: SaveContentInput) => SaveContentResult | Error> = []) {
  const sent: SaveContentInput[] = [];
  const local: Array<{ title: string | undefined; baseRev: number } | null> = [];
  let refused: string | null = null;
  const deps: AutosaveDeps = {
    debounceMs: 10,
    save: async (input) => {
      sent.push(input);
      await sleep(5);
      const answer = answers.shift()?.(input) ?? { rev: input.rev + 1, findings: [], resignRequired: false };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    storeLocal: (value, baseRev) => {
      local.push({ title: value.content.elements.title, baseRev });
      return true;
    },
    clearLocal: () => local.push(null),
    onSaved: () => {},
    onRefused: (message) => {
      refused = message;
    },
  };
  const engine = new AutosaveEngine(draft('起'), 3, deps);
  return { engine, sent, local, refused: () => refused };
}

describe('AutosaveEngine', () => {
  it('should keep a local copy at once and send one save after the clerk pauses', async () => {
    const { engine, sent, local } = setup();
    engine.change(draft('一'));
    engine.change(draft('一二'));
    assert.deepEqual(local, [
      { title: '一', baseRev: 3 },
      { title: '一二', baseRev: 3 },
    ]);
    assert.equal(engine.getStatus().kind, 'pending');
    await sleep(40);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.rev, 3);
    assert.equal(sent[0]!.title, '一二');
    assert.equal(engine.getStatus().kind, 'saved');
    assert.equal(engine.currentRev, 4);
    assert.equal(local.at(-1), null, 'the local copy is cleared once the server has the text');
  });

  it('should save changes typed during a save in a second save on the new revision', async () => {
    const { engine, sent, local } = setup();
    engine.change(draft('一'), true);
    await sleep(1);
    engine.change(draft('一二'));
    await sleep(60);
    assert.deepEqual(
      sent.map((s) => [s.rev, s.title]),
      [
        [3, '一'],
        [4, '一二'],
      ],
    );
    assert.deepEqual(local.filter(Boolean).at(-1), { title: '一二', baseRev: 4 });
    assert.equal(engine.hasUnsaved(), false);
  });

  it('should stop and keep the local copy when someone else saved first (409 DOCUMENT_EDIT_CONFLICT)', async () => {
    const { engine, sent, local } = setup([() => new ApiError('DOCUMENT_EDIT_CONFLICT', '文稿已被他人修改', 409)]);
    engine.change(draft('一'), true);
    await sleep(20);
    const status = engine.getStatus();
    assert.equal(status.kind, 'conflict');
    assert.equal(status.kind === 'conflict' && status.storedLocally, true);
    assert.ok(!local.includes(null), 'the local copy is kept');
    engine.change(draft('一二'));
    await sleep(30);
    assert.equal(sent.length, 1, 'no save is attempted while the conflict waits');
    await assert.rejects(engine.flush(), /文稿已被他人修改/);
    engine.rebase(9);
    await engine.saveNow();
    assert.deepEqual([sent[1]!.rev, sent[1]!.title], [9, '一二']);
    assert.equal(engine.getStatus().kind, 'saved');
  });

  it('should report a dropped connection as offline and save once it is back', async () => {
    const { engine, sent } = setup([() => new ApiError('NETWORK_ERROR', '无法连接服务器', 0)]);
    engine.change(draft('一'), true);
    await sleep(20);
    assert.deepEqual(engine.getStatus(), { kind: 'offline', storedLocally: true });
    engine.retryNow();
    await sleep(20);
    assert.equal(sent.length, 2);
    assert.equal(engine.getStatus().kind, 'saved');
  });

  it('should stop saving and tell the page when the server refuses edits (403)', async () => {
    const { engine, sent, refused } = setup([() => new ApiError('FORBIDDEN', '当前环节不能修改文稿', 403)]);
    engine.change(draft('一'), true);
    await sleep(20);
    assert.equal(refused(), '当前环节不能修改文稿');
    engine.change(draft('一二'), true);
    await sleep(20);
    assert.equal(sent.length, 1);
  });

  it('should save what is pending before a step that needs it (flush)', async () => {
    const { engine, sent } = setup();
    engine.change(draft('一'));
    await engine.flush();
    assert.equal(sent.length, 1);
    assert.equal(engine.hasUnsaved(), false);
  });

  it('should discard local edits when rebased onto the server text', async () => {
    const { engine, local } = setup();
    engine.change(draft('一'));
    engine.rebase(7, draft('服务器'));
    assert.equal(engine.hasUnsaved(), false);
    assert.equal(engine.getStatus().kind, 'clean');
    assert.equal(local.at(-1), null);
    await sleep(30);
    assert.equal(engine.currentRev, 7);
  });
});
