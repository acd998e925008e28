import * as assert from 'node:assert/strict';
import { expectedReports } from '../../office';
import { analyseReport } from './fixtures';

describe('export: audit report data', () => {
  const expected = expectedReports();

  it('takes total, star and verdict from the analysis as the CLI reports them (samples/EXPECTED.md)', () => {
    const { x, audit } = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const d = x.data;
    assert.equal(d.total, expected.main.total);
    assert.equal(d.star, expected.main.star);
    assert.equal(d.total, audit.total);
    assert.equal(d.star, audit.star);
    assert.equal(d.verdict, 'tier');
    assert.equal(d.stars, 4);
    assert.equal(d.applicablePoints, '98.00');
    assert.equal(d.earned, '90.16');
    assert.equal(d.deductionCount, 1);
    assert.equal(d.bonusApplied, '1.00');
    assert.equal(d.pointsToNext, '3.00');
  });

  it('lists every item in clause order with points, score, earned, evidence and notes', () => {
    const { x } = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const items = x.data.items;
    assert.deepEqual(items.map((i) => i.id), [...expected.main.items.keys()]);
    for (const it of items) {
      const e = expected.main.items.get(it.id)!;
      assert.equal(it.points, e.points, it.id);
      assert.equal(it.earned, e.earned, it.id);
    }
    const byId = new Map(items.map((i) => [i.id, i]));
    const first = byId.get('5.1.1.1')!;
    assert.equal(first.requirement, '设立或指定专门从事售后服务工作的部门, 并有合理的职能划分和岗位设置', 'as the standard writes it');
    assert.equal(first.evidence, '组织架构图（evidence/org-chart.md）、岗位说明书 HDZN/HR-JD-07');
    assert.match(first.notes, /^设立售后服务部/);
    assert.equal(byId.get('5.1.2.2')!.score, '4/5');
    assert.equal(byId.get('5.1.2.2')!.percent, '80%');
    assert.equal(byId.get('5.1.4.1')!.score, '4分');
    assert.equal(byId.get('5.3.2.2')!.percentValue, '88');
    const na = byId.get('5.2.5.5')!;
    assert.equal(na.state, 'not-applicable');
    assert.equal(na.percent, '不适用');
    assert.equal(na.reason, '生产型企业，不涉及贸易型企业先行赔付');
    assert.deepEqual(x.data.notApplicable.map((i) => i.id), ['5.2.5.5']);
    assert.deepEqual(x.data.sections.map((s) => [s.id, s.items.length]), [['5.1', 18], ['5.2', 24], ['5.3', 8]]);
  });

  it('has the group subtotals of samples/EXPECTED.md', () => {
    const { x } = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    for (const [id, e] of expected.main.groups) {
      const g = x.data.groups.find((r) => r.id === id)!;
      assert.equal(g.earned, e.earned, id);
      assert.equal(g.applicable, e.applicable, id);
    }
    assert.equal(x.data.groups.find((g) => g.id === '5.2')!.percent, '93.03');
  });

  it('reads the cover from front matter and the report’s information table; the team into the sign-off', () => {
    const { x } = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const d = x.data;
    assert.equal(d.title, '华东智能家电有限公司 售后服务认证审核报告（2026 年度初次认证）');
    assert.equal(d.organisation, '华东智能家电有限公司');
    // The front matter's auditType and auditDate (the certification cycle's) win over the
    // information table's 审核类型 and 审核日期 rows.
    assert.equal(d.auditType, '初次认证');
    assert.equal(d.auditDate, '2026-03-18');
    assert.equal(d.leadAuditor, '郑晓峰');
    assert.deepEqual(d.info.map((r) => r.key).slice(0, 3), ['受审核组织', '企业类型', '审核依据']);
    assert.deepEqual(d.signOff.map((s) => [s.role, s.name]), [['审核组长', '郑晓峰'], ['审核组成员', '许丽'], ['审核组成员', '马骏'], ['受审核方代表', '']]);
    assert.deepEqual(d.deductions.map((s) => s.points), ['1.00']);
    assert.match(d.deductions[0].reason, /^合肥蜀山网点 5 份维修工单/);
    // The narrative sections (审核说明, 审核结论) without the info table, which is on the cover.
    const headings = x.narrative.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.content.map((c) => ('text' in c ? c.text : '')).join('') : ''));
    assert.deepEqual(headings, ['审核说明', '审核结论']);
    assert.ok(!x.narrative.some((b) => b.kind === 'table'));
  });

  it('shows the gates of a scheme with gates, the failed one marked (ten-star report)', () => {
    const { x } = analyseReport({ file: 'samples/audit/2026-十星审核报告.md' });
    const d = x.data;
    assert.equal(d.total, expected.tenStar.total);
    assert.equal(d.star, expected.tenStar.star);
    const failed = d.failedGates.map((g) => g.gate);
    assert.deepEqual(failed, ['first-time-fix-rate']);
    const fix = d.gates.find((g) => g.gate === 'first-time-fix-rate')!;
    assert.equal(fix.actual, '88.00');
    assert.equal(fix.result, '未通过');
    assert.equal(d.gates.find((g) => g.gate === 'customer-satisfaction')!.result, '通过');
  });

  it('reads a list of 键：值 as the information table, and front matter keys for dates and auditors', () => {
    const text = [
      '---',
      'type: audit',
      'auditType: surveillance',
      'auditDate: 2027-03-20',
      'auditor: 张三',
      '---',
      '# 报告',
      '',
      '## 审核概况',
      '',
      '- 审核地点：广州总部',
      '- 审核组员：李四、王五',
      '',
      '## 5.1 体系',
      '',
      '- [5.1.1.1] 100% 有。证据：记录',
    ].join('\n');
    const { x } = analyseReport({ text }, 'en');
    assert.equal(x.data.auditType, 'Surveillance audit');
    assert.equal(x.data.auditDate, '2027-03-20');
    assert.equal(x.data.leadAuditor, '张三');
    assert.deepEqual(x.data.info, [
      { key: '审核地点', value: '广州总部' },
      { key: '审核组员', value: '李四、王五' },
    ]);
  });
});
