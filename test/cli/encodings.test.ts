/**
 * Encodings: UTF-8 with and without BOM, UTF-16 LE/BE with BOM, GB18030/GBK detected and
 * decoded; positions are those of the decoded text (the BOM shifts nothing).
 */
import { strict as assert } from 'node:assert';
import * as iconv from 'iconv-lite';
import { json, makeTree, removeTree, run } from './helpers';

const manual = (item: string, body: string) => `---\ntype: manual\n---\n# 售后服务手册\n\n## 服务体系 [${item}]\n\n${body}\n`;
// An unknown clause on line 10 gives a position to check in every encoding.
const audit = '---\ntype: audit\n---\n# 审核报告\n\n- [5.1.1.1] 80% 设立了售后服务部。证据：组织架构图\n\n正文。\n\n- [5.9.1.1] 50% 证据：x\n';

function utf16be(s: string): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

describe('cli: encodings', () => {
  it('reads UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM and GB18030, and says which', () => {
    const root = makeTree({
      'utf8.md': manual('5.1.1.1', '设立售后服务部门，职能划分清晰。'),
      'utf8-bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(manual('5.1.1.2', '服务网点覆盖销售区域。'))]),
      'utf16le.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(manual('5.1.2.1', '配置售后服务技术人员。'), 'utf16le')]),
      'utf16be.md': utf16be(manual('5.1.2.2', '配置售后服务管理师。')),
      'gbk.md': iconv.encode(manual('5.1.3.1', '提供充足的经费保障，并准备专项经费。'), 'gb18030'),
      'audit-gbk.md': iconv.encode(audit, 'gbk'),
      'audit-bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(audit)]),
    });
    try {
      const r = run(['check', '.', '-f', 'json'], { cwd: root });
      const report = json(r);
      assert.equal(r.stderr, '');
      assert.deepEqual(
        Object.fromEntries(report.files.map((f) => [f.file, `${f.kind}/${f.encoding}`])),
        {
          'audit-bom.md': 'audit/utf-8-bom',
          'audit-gbk.md': 'audit/gb18030',
          'gbk.md': 'manual/gb18030',
          'utf16be.md': 'manual/utf-16be',
          'utf16le.md': 'manual/utf-16le',
          'utf8-bom.md': 'manual/utf-8-bom',
          'utf8.md': 'manual/utf-8',
        },
      );
      // Every manual file's tag counts: five items covered, whatever the encoding.
      assert.equal(report.coverage.coveredCount, 5);
      assert.deepEqual(
        report.coverage.uncovered.map((i) => i.id).filter((id: string) => id < '5.1.4'),
        ['5.1.3.2', '5.1.3.3'],
      );
      // Same entry scored in both reports; the unknown clause sits at the same place in both.
      for (const f of ['audit-bom.md', 'audit-gbk.md']) {
        const a = report.audits.find((x) => x.file === f)!;
        assert.equal(a.scored, 1, f);
        const unknown = report.problems.find((p) => p.file === f && p.code === 'unknown-clause');
        assert.ok(unknown, f);
        assert.deepEqual([unknown.line, unknown.column], [10, 4], f);
      }
    } finally {
      removeTree(root);
    }
  });

  it('GB18030 text is shown decoded in messages (Chinese requirement of an empty section)', () => {
    const root = makeTree({ 'gbk.md': iconv.encode('---\ntype: manual\n---\n# 手册\n\n## 空的章节 [5.1.1.1]\n\n## 下一节 [5.1.1.2]\n\n内容。\n', 'gb18030') });
    try {
      const r = run(['check', '.', '--locale', 'zh'], { cwd: root });
      assert.match(r.stdout, /^gbk\.md:6:1: 警告: 本节声明了 5\.1\.1\.1，但没有内容：已声明但未阐述。 \[empty-section\]$/m);
    } finally {
      removeTree(root);
    }
  });

  it('refuses UTF-16 without a BOM and invalid UTF-8 that is no GB18030 either, with the reason (exit 2)', () => {
    const root = makeTree({
      'ok.md': manual('5.1.1.1', '正文。'),
      'nobom.md': Buffer.from(manual('5.1.1.2', '正文。'), 'utf16le'),
      'broken.md': Buffer.from([0x23, 0x20, 0xe6, 0x89, 0x0a, 0x80, 0x80, 0x80, 0x0a]),
    });
    try {
      const r = run(['check', '.'], { cwd: root });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^gbt27922: cannot read nobom\.md: looks like UTF-16 without a byte order mark; save it as UTF-8/m);
      assert.match(r.stderr, /^gbt27922: cannot read broken\.md: not valid UTF-8 \(at byte 2\) nor GB18030\/GBK/m);
      assert.match(r.stdout, /^nobom\.md:1:1: warning: File is not readable text \(looks like UTF-16/m);
    } finally {
      removeTree(root);
    }
  });
});
