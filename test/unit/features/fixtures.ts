/** Small Markdown workspaces the feature tests drive (a multi-file manual and an audit report). */

export const MANUAL_ROOT = `---
type: manual
root: true
---
# 售后服务手册

## 服务理念 [5.1.7.1]

顾客至上，服务第一。
`;

export const MANUAL_ORG = `# 第一章 组织与资源

## 5.1.1 组织架构

### 售后服务部门设置 [5.1.1.1]

公司设立客户服务部，下设三个科室。

### 服务网点 [5.1.1.2]

全国设网点 120 个。

## 5.1.2 人员配置

### 技术人员与业务人员 [5.1.2.1]

技术人员持证上岗。

### 售后服务管理师配置 [5.1.2.2]

## 5.1.6 改进

### 市场信息反馈 [5.1.6.1]

建立质量信息反馈机制。

### 认证情况

公司已通过 ISO 9001 认证。【５．１．６．３】
`;

export const MANUAL_GOODS = `# 第二章 商品服务

## 报修与维修 [5.2.4.1-5.2.4.3]

报修渠道：电话、网站。

## 以旧换新 [5.2.6.1, 5.2.6.2]

开展以旧换新活动。<!-- clause: 5.3.1.2 -->
`;

export const REPORT = `---
type: audit
organisation: 测试公司
---
# 审核报告

## 5.1 售后服务体系

- [5.1.1.1] 80% 部门设置合理。证据：组织架构图
- [5.1.1.2] 3/3 网点齐全。证据：网点清单
- [5.1.2.2] 4分 配置管理师 2 名。证据：人员名册
- [5.1.2.1] 100% 技术人员持证
- 【5.1.3.1】 不适用 本企业无经费科目
- [5.1.3.9] 60% 证据：经费预算

## 5.2 商品服务

| 条款 | 得分 | 证据 |
|---|---|---|
| [5.2.1.1] | 60% | 商品说明书 |
`;

export function workspaceFiles(): Record<string, string> {
  return {
    'manual/README.md': MANUAL_ROOT,
    'manual/01-组织.md': MANUAL_ORG,
    'manual/02-商品.md': MANUAL_GOODS,
    'audit/report.md': REPORT,
    'notes.md': '# 会议纪要\n\n讨论了 `[5.1.1.1]` 的写法。\n',
  };
}
