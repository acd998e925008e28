/**
 * The bundled language server over stdio on a copy of samples/: what an editor sees right
 * after opening the workspace (diagnostics, hover, completion, definition, references,
 * symbols, the panel payload), checked against samples/EXPECTED.md. Read-only: edits happen
 * in scratch documents that are never saved.
 */
import { strict as assert } from 'node:assert';
import { generateManualSkeleton } from '../../server/src/generate';
import { parseDocument } from '../../server/src/model';
import { defaultScheme } from '../../server/src/scheme/loader';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  ErrorCodes,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type SymbolInformation,
} from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_NOTIFICATION, DOCUMENT_SCORE_REQUEST, GENERATE_REQUEST, CATALOG_REQUEST, type CatalogNode, type DocumentScorePayload } from '../../server/src/protocol';
import { LspClient } from './lspClient';
import { FILES, lineStartingWith, SampleWorkspace } from './sampleWorkspace';

const REQUIREMENT_5_1_6_4 = '重视服务标准化工作，鼓励参与国家、行业有关标准的制定工作';

describe('protocol: the samples workspace over stdio', function () {
  let ws: SampleWorkspace;
  let client: LspClient;

  before(async function () {
    ws = new SampleWorkspace();
    // NC statuses are judged as of the date samples/EXPECTED.md is written for.
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir: null, asOf: '2027-06-30' } });
    await client.waitForIndexed();
    await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length > 0);
  });

  after(async function () {
    await client?.stop();
    ws?.dispose();
  });

  const score = (uri: string) => client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri });

  it('announces its features, registers file watchers dynamically and reports indexing progress', function () {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('['));

    const watchers = [...client.registrations.values()].filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.equal(watchers.length, 1, 'one dynamic registration of watched files');
    const globs = (watchers[0].registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/*.{[mM][dD],[mM][aA][rR][kK][dD][oO][wW][nN]}'), globs.join(' '));

    const progress = [...client.progress.values()];
    assert.equal(progress.length, 1);
    assert.match(progress[0].begin!.title, /indexing/);
    // 16 Markdown files: 4 manual, 3 audit, 7 evidence, plain/notes.md and EXPECTED.md (custom-scheme/ is excluded).
    assert.equal(progress[0].reports.at(-1)?.message, '16/16');
    assert.equal(progress[0].reports.at(-1)?.percentage, 100);
    assert.ok(progress[0].end);
  });

  it('reports the one uncovered item, 5.1.6.4, on the manual root with its points and requirement', function () {
    const root = client.diagnostics.get(ws.uri(FILES.root))!.diagnostics;
    assert.equal(root.length, 1, JSON.stringify(root));
    const [d] = root;
    assert.equal(d.code, 'uncovered-item');
    assert.equal(d.source, 'gbt27922');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(d.message, `5.1.6.4 (worth 1) is not covered by the manual: ${REQUIREMENT_5_1_6_4}`);
    // Anchored on the root file's first heading.
    const heading = lineStartingWith(ws.text(FILES.root), '# ');
    assert.deepEqual(d.range.start, { line: heading, character: 0 });
    assert.equal((d.data as { itemId?: string }).itemId, '5.1.6.4');
  });

  it('publishes nothing for the other files: manual chapters, the ten-star report, evidence, plain notes, EXPECTED.md', function () {
    for (const [uri, p] of client.diagnostics) {
      if ([FILES.root, FILES.audit, FILES.surveillance].some((f) => uri === ws.uri(f))) continue;
      assert.deepEqual(p.diagnostics, [], `${decodeURIComponent(uri)} has diagnostics`);
    }
  });

  it('the audit reports when opened: the ten-star one clean, the initial audit one overdue NC, the surveillance audit its cycle problems (EXPECTED.md §3–§5)', async function () {
    const shown = async (f: string) => {
      await client.open(ws.uri(f));
      const d = await client.waitForDiagnostics(ws.uri(f), (_d, v) => v === 1);
      return d.map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.code}`);
    };
    assert.deepEqual(await shown(FILES.tenStar), []);
    assert.deepEqual(await shown(FILES.audit), ['131:68 2 nc-overdue']);
    assert.deepEqual(await shown(FILES.surveillance), ['8:11 2 nc-not-followed-up', '31:13 3 item-score-dropped', '59:13 3 item-score-dropped', '91:62 2 nc-overdue']);
    const notFollowed = client.diagnostics.get(ws.uri(FILES.surveillance))!.diagnostics[0];
    assert.equal(notFollowed.message, 'NC-03 of the previous report (audit/2026-审核报告.md) was not closed there and is not followed up here: add [跟踪 NC-03] / [follow-up NC-03] with its status.');
  });

  it('panel payload of the surveillance audit: the NC section, the previous audit, per-group change and the trend (EXPECTED.md §5)', async function () {
    const p = await score(ws.uri(FILES.surveillance));
    const a = p.audit!;
    assert.deepEqual([a.total, a.verdictText, a.next?.pointsNeeded], ['93.57', 'Four stars', '1.43']);
    const n = a.ncs!;
    assert.deepEqual([n.asOf, n.bySeverity, n.byStatus, n.open], ['2027-06-30', { major: 1, minor: 2, observation: 1 }, { overdue: 1, open: 1, 'action-planned': 1, closed: 1 }, 2]);
    assert.deepEqual(n.rows.map((r) => `${r.id} ${r.severity} ${r.status} ${r.due ?? '-'} ${r.daysToDue ?? '-'}`), [
      'NC-2027-01 minor closed 2027-04-15 -',
      'NC-2027-02 minor overdue 2027-04-30 -61',
      'NC-2027-03 major action-planned 2027-09-30 92',
      'NC-2027-04 observation open - -',
    ]);
    assert.deepEqual(n.rows.map((r) => [r.location.uri, r.location.range.start.line]), [86, 90, 93, 96].map((l) => [ws.uri(FILES.surveillance), l]));
    assert.deepEqual(n.followUps.map((f) => `${f.id} ${f.status} ${f.known}`), ['NC-02 closed true']);
    assert.deepEqual(n.notFollowedUp.map((f) => `${f.id} ${f.location.uri === ws.uri(FILES.audit)} ${f.location.range.start.line}`), ['NC-03 true 130']);
    const c = a.cycle!;
    assert.deepEqual([c.auditType, c.auditDate, c.previous?.file, c.previous?.auditDate, c.previous?.total, c.previous?.change], ['surveillance', '2027-03-12', FILES.audit, '2026-03-18', '92.00', '+1.57']);
    assert.deepEqual(c.groupChanges.filter((g) => g.level === 1).map((g) => `${g.id} ${g.before} ${g.after} ${g.change}`), ['5.1 91.00 91.25 +0.25', '5.2 93.03 91.82 -1.21', '5.3 92.24 95.68 +3.44']);
    assert.deepEqual(c.trend.map((e) => `${e.file} ${e.auditDate} ${e.auditType} ${e.total} ${e.stars} ${e.openNcs} ${e.current}`), [
      `${FILES.audit} 2026-03-18 initial 92.00 4 1 false`,
      `${FILES.surveillance} 2027-03-12 surveillance 93.57 4 2 true`,
    ]);
    assert.deepEqual(p.problems, { errors: 0, warnings: 2, suppressed: 0 });
    // The initial audit shows NC-02 as followed up there.
    const first = (await score(ws.uri(FILES.audit))).audit!.ncs!;
    assert.deepEqual(first.rows.map((r) => `${r.id} ${r.status} ${r.followedUp ? `${r.followedUp.file}:${r.followedUp.status}` : ''}`.trim()), [
      'NC-01 closed',
      `NC-02 overdue ${FILES.surveillance}:closed`,
      'NC-03 overdue',
      'NC-04 open',
    ]);
  });

  it('hover on an NC: status and days past due; completion of the previous report’s NC IDs in a follow-up', async function () {
    const uri = ws.uri(FILES.surveillance);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: ws.find(FILES.surveillance, '[NC-2027-02]', 2) });
    const value = (hover!.contents as MarkupContent).value;
    assert.ok(value.startsWith('**NC-2027-02** minor · **overdue**'), value);
    assert.ok(value.includes('- Due: 2027-04-30 (61 days past due, as of 2027-06-30)'), value);
    const scratch = ws.uri('audit/scratch-follow-up.md');
    await client.open(scratch, '---\ntype: audit\nprevious: 2026-审核报告.md\n---\n# 草稿\n\n- [跟踪 \n');
    const list = (await client.request(CompletionRequest.type, { textDocument: { uri: scratch }, position: { line: 6, character: 6 }, context: { triggerKind: 2, triggerCharacter: ' ' } })) as CompletionList;
    const sorted = [...list.items].sort((x, y) => (x.sortText! < y.sortText! ? -1 : 1)).map((i) => i.label);
    assert.deepEqual(sorted, ['NC-02', 'NC-03', 'NC-04', 'NC-01']);
    await client.close(scratch);
  });

  it('gives a plain Markdown file nothing: no diagnostics, no hover on a tag in a code span, kind none', async function () {
    const uri = ws.uri(FILES.plain);
    await client.open(uri);
    const d = await client.waitForDiagnostics(uri, (_d, v) => v === 1);
    assert.deepEqual(d, []);
    const inCode = ws.find(FILES.plain, '`[5.1.6.4]`', 3);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: inCode });
    assert.equal(hover, null);
    const payload = await score(uri);
    assert.equal(payload.kind, 'none');
    assert.equal(payload.audit, undefined);
    assert.equal(payload.manual, undefined);
    assert.deepEqual(payload.problems, { errors: 0, warnings: 0, suppressed: 0 });
  });

  it('panel payload of the audit report: total 92, four stars, group subtotals, specials (EXPECTED.md §3)', async function () {
    const p = await score(ws.uri(FILES.audit));
    assert.equal(p.kind, 'audit');
    assert.equal(p.scheme.id, 'gbt27922-2011');
    assert.equal(p.organisation, '华东智能家电有限公司');
    const a = p.audit!;
    assert.equal(a.total, '92.00');
    assert.equal(a.baseScore, '92.00');
    assert.equal(a.verdict, 'tier');
    assert.equal(a.tier?.id, 'four-star');
    assert.equal(a.tier?.stars, 4);
    assert.equal(a.verdictText, 'Four stars');
    assert.deepEqual(a.deductions, { count: 1, points: '1.00', limit: 5, overLimit: false });
    assert.deepEqual(a.bonus, { claimed: '1.00', applied: '1.00', cap: 1, capped: false });
    assert.equal(a.next?.tier.id, 'five-star');
    assert.equal(a.next?.pointsNeeded, '3.00');
    assert.equal(a.scoredCount, 49);
    assert.equal(a.notApplicableCount, 1);
    assert.deepEqual(a.unscored, []);
    assert.deepEqual(a.failedGates, []);
    const group = (id: string) => a.groups.find((g) => g.id === id)!;
    assert.deepEqual([group('5.1').value, group('5.1').max], ['36.40', '40.00']);
    assert.deepEqual([group('5.2').value, group('5.2').max, group('5.2').percent], ['30.70', '33.00', '93.03']);
    assert.deepEqual([group('5.3').value, group('5.3').max, group('5.3').percent], ['23.06', '25.00', '92.24']);
    assert.deepEqual(p.problems, { errors: 0, warnings: 1, suppressed: 0 });
  });

  it('panel payload of the ten-star report: 96, five stars, the failed first-time-fix gate (EXPECTED.md §4)', async function () {
    const a = (await score(ws.uri(FILES.tenStar))).audit!;
    assert.equal(a.total, '96.00');
    assert.equal(a.tier?.id, 'five-star');
    assert.deepEqual(
      a.failedGates.map((g) => [g.id, g.actual, g.passed]),
      [['first-time-fix-rate', '88.00', false]],
    );
    assert.equal(a.next?.pointsNeeded, '0.00');
    assert.deepEqual(
      a.next?.gatesNeeded.map((g) => g.id),
      ['first-time-fix-rate'],
    );
  });

  it('panel payload of a manual file: the workspace coverage 99/100, the gap and where it is reported (EXPECTED.md §2)', async function () {
    const p = await score(ws.uri(FILES.manual2));
    assert.equal(p.kind, 'manual');
    const m = p.manual!;
    assert.deepEqual([m.coveredPoints, m.totalPoints, m.percentByPoints], ['99', '100', '99.00']);
    assert.deepEqual([m.coveredCount, m.totalCount, m.percentByCount], [49, 50, '98.00']);
    assert.deepEqual(
      m.uncovered.map((u) => [u.id, u.points, u.requirement]),
      [['5.1.6.4', '1', REQUIREMENT_5_1_6_4]],
    );
    assert.equal(m.uncovered[0].location?.uri, ws.uri(FILES.root));
    assert.equal(m.root, 'manual/README.md');
    assert.deepEqual([...m.files].sort(), [FILES.root, FILES.manual1, FILES.manual2, FILES.manual3].sort());
    const g = m.groups.find((x) => x.id === '5.1.6')!;
    assert.deepEqual([g.value, g.max], ['4', '5']);
    assert.deepEqual(m.emptySections, []);
  });

  it('sends the panel payload of an open document after its analysis', async function () {
    const n = await client.waitForNotification<DocumentScorePayload>(DOCUMENT_SCORE_NOTIFICATION, (p) => p.uri === ws.uri(FILES.audit));
    assert.equal(n.audit?.total, '92.00');
    assert.equal(n.version, 1);
  });

  it('catalog: per-item state of the report and of the manual', async function () {
    const find = (nodes: CatalogNode[], id: string): CatalogNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const c = n.children && find(n.children, id);
        if (c) return c;
      }
      return undefined;
    };
    const report = await client.requestRaw<CatalogNode[]>(CATALOG_REQUEST, { uri: ws.uri(FILES.audit) });
    assert.equal(find(report, '5.1.2.2')?.state, 'scored');
    assert.equal(find(report, '5.1.2.2')?.points, '5');
    assert.equal(find(report, '5.2.5.5')?.state, 'not-applicable');
    const manual = await client.requestRaw<CatalogNode[]>(CATALOG_REQUEST, {});
    assert.equal(find(manual, '5.1.6.4')?.state, 'uncovered');
    assert.equal(find(manual, '5.1.6.3')?.state, 'covered');
  });

  it('hover on an audit tag: ID, title, points, requirement, the score here and where the manual covers it', async function () {
    const uri = ws.uri(FILES.audit);
    const position = ws.find(FILES.audit, '- [5.1.2.2]', 5);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*5\.1\.2\.2\*\* .* · \*\*5 points\*\*/);
    assert.ok(value.includes('按服务管理人员总数的10%配置售后服务管理师'), value);
    assert.ok(value.includes('80% → 4 / 5 points'), value);
    assert.ok(value.includes('01-组织与资源.md › 售后服务管理师配置'), value);
    assert.deepEqual(hover!.range, { start: { line: position.line, character: 3 }, end: { line: position.line, character: 10 } });
  });

  it('hover on a full-width tag in the manual normalises the ID', async function () {
    const uri = ws.uri(FILES.manual1);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: ws.find(FILES.manual1, '【５．１．６．３】', 2) });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*5\.1\.6\.3\*\*/);
    assert.ok(value.includes('1 point'), value);
  });

  it('completion of clause IDs after "[" (titles and points) and of score forms after a tag', async function () {
    const uri = ws.uri('audit/scratch.md');
    const head = '---\ntype: audit\n---\n\n# 草稿\n\n';
    await client.open(uri, `${head}- [5.1.2.\n`);
    const ids = (await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: 6, character: 9 } })) as CompletionList;
    const item = ids.items.find((i) => i.label === '5.1.2.2') as CompletionItem;
    assert.ok(item, ids.items.map((i) => i.label).join(' '));
    assert.match(item.detail!, /^5 points/);
    assert.equal(item.labelDetails?.description, 'Certified service managers at 10% of management staff');
    assert.equal((item.textEdit as { newText: string }).newText, '5.1.2.2]');
    assert.ok(ids.items.some((i) => i.label === '5.1.2.1'));

    await client.change(uri, `${head}- [5.1.2.2] \n`);
    const forms = (await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: 6, character: 12 } })) as CompletionList;
    const labels = forms.items.map((i) => i.label);
    for (const l of ['100%', '80%', '0%', '5/5', '5分']) assert.ok(labels.includes(l), `${l} in ${labels.join(' ')}`);
    assert.equal(forms.items.find((i) => i.label === '80%')?.detail, '4 / 5 points · 80–100%');
    assert.ok(forms.items.some((i) => String(i.label).startsWith('不适用')));
    await client.close(uri);
  });

  it('go to definition: an audit tag leads to the manual section that covers it', async function () {
    const uri = ws.uri(FILES.audit);
    const defs = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: ws.find(FILES.audit, '- [5.1.2.2]', 5) })) as Location[];
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, ws.uri(FILES.manual1));
    assert.equal(defs[0].range.start.line, lineStartingWith(ws.text(FILES.manual1), '### 售后服务管理师配置 [5.1.2.2]'));
  });

  it('go to definition: a manual tag leads to the item in the scheme file', async function () {
    const uri = ws.uri(FILES.manual1);
    const defs = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: ws.find(FILES.manual1, '[5.1.2.2]', 3) })) as Location[];
    assert.equal(defs.length, 1, JSON.stringify(defs));
    assert.match(defs[0].uri, /gbt27922-2011\.json$/);
    const line = readFileSync(fileURLToPath(defs[0].uri), 'utf8').split('\n')[defs[0].range.start.line];
    assert.ok(line.includes('"5.1.2.2"'), line);
  });

  it('references: every use of an ID across the workspace; the manual claim and the scheme entry are its declarations', async function () {
    const uri = ws.uri(FILES.audit);
    const position = ws.find(FILES.audit, '- [5.1.2.2]', 5);
    const where = (refs: Location[]) => refs.map((r) => `${decodeURIComponent(r.uri.slice(r.uri.lastIndexOf('/') + 1))}:${r.range.start.line}`).sort();
    // The surveillance audit scores 5.1.2.2 and raises NC-2027-03 against it.
    const uses = [
      `2026-审核报告.md:${ws.find(FILES.audit, '[5.1.2.2]').line}`,
      `2026-十星审核报告.md:${ws.find(FILES.tenStar, '[5.1.2.2]').line}`,
      `2027-监督审核报告.md:${ws.find(FILES.surveillance, '- [5.1.2.2]').line}`,
      `2027-监督审核报告.md:${ws.find(FILES.surveillance, '[NC-2027-03] [5.1.2.2]').line}`,
    ];
    const without = (await client.request(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: false } })) as Location[];
    assert.deepEqual(where(without), uses.sort());
    const withDeclaration = (await client.request(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } })) as Location[];
    const scheme = withDeclaration.find((r) => r.uri.endsWith('gbt27922-2011.json'));
    assert.ok(scheme, JSON.stringify(withDeclaration));
    assert.ok(readFileSync(fileURLToPath(scheme.uri), 'utf8').split('\n')[scheme.range.start.line].includes('"5.1.2.2"'));
    assert.deepEqual(where(withDeclaration.filter((r) => r !== scheme)), [...uses, `01-组织与资源.md:${ws.find(FILES.manual1, '[5.1.2.2]').line}`].sort());
  });

  it('references of a range tag member find the range', async function () {
    const uri = ws.uri(FILES.manual2);
    const refs = (await client.request(ReferencesRequest.type, { textDocument: { uri }, position: ws.find(FILES.manual2, '[5.2.4.1-5.2.4.3]', 3), context: { includeDeclaration: true } })) as Location[];
    const inManual = refs.filter((r) => r.uri === uri);
    assert.equal(inManual.length, 1);
    assert.equal(inManual[0].range.start.line, ws.find(FILES.manual2, '[5.2.4.1-5.2.4.3]').line);
  });

  it('document symbols: headings nested, tagged sections named by their items with points', async function () {
    const uri = ws.uri(FILES.root);
    const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, '华东智能家电有限公司 售后服务手册');
    const flat: DocumentSymbol[] = [];
    const walk = (s: DocumentSymbol[]) => s.forEach((x) => (flat.push(x), walk(x.children ?? [])));
    walk(symbols);
    const tagged = flat.filter((s) => /^5\./.test(s.name)).map((s) => [s.name, s.detail]);
    assert.deepEqual(tagged, [
      ['5.1.4.1 手册的编制与管理', '4 points'],
      ['5.1.7.1 服务理念', '1 point'],
      ['5.1.7.2 服务承诺', '2 points'],
    ]);
    const explanation = symbols[0].children!.find((s) => s.name === '手册说明')!;
    assert.ok(explanation.children!.some((s) => s.name === '5.1.4.1 手册的编制与管理'));
  });

  it('workspace symbols: an item ID finds its manual section and its audit entries', async function () {
    const symbols = (await client.request(WorkspaceSymbolRequest.type, { query: '5.1.2.2' })) as SymbolInformation[];
    const section = symbols.find((s) => s.name === '5.1.2.2 售后服务管理师配置');
    assert.ok(section, symbols.map((s) => s.name).join('\n'));
    assert.equal(section.location.uri, ws.uri(FILES.manual1));
    const entries = symbols.filter((s) => s.name.startsWith('5.1.2.2 ') && s.location.uri !== ws.uri(FILES.manual1));
    assert.deepEqual([...new Set(entries.map((s) => s.location.uri))].sort(), [ws.uri(FILES.audit), ws.uri(FILES.tenStar), ws.uri(FILES.surveillance)].sort());
    assert.ok(entries.some((s) => s.containerName?.includes('80% → 4 / 5 points')));
  });

  it('generate: a full audit checklist names every item of the scheme', async function () {
    const r = await client.requestRaw<{ text: string }>(GENERATE_REQUEST, { kind: 'audit-checklist' });
    const tags = r.text.match(/\[5\.\d\.\d\.\d\]/g) ?? [];
    assert.equal(new Set(tags).size, 50);
  });

  it('generate: the manual skeleton is the one `gbt27922 init manual` writes, and reads back as 50 claimed, unaddressed items', async function () {
    const r = await client.requestRaw<{ text: string }>(GENERATE_REQUEST, { kind: 'manual-skeleton', organisation: '华东智能家电有限公司', locale: 'zh' });
    assert.equal(r.text, generateManualSkeleton(defaultScheme(), { locale: 'zh', organisation: '华东智能家电有限公司' }));
    const model = parseDocument(r.text, defaultScheme());
    assert.equal(model.kind, 'manual');
    assert.equal(new Set(model.coverage.map((c) => c.itemId)).size, 50);
    assert.ok(model.coverage.every((c) => !c.addressed));
  });

  it('a failing request answers with an error and the server stays up', async function () {
    await assert.rejects(client.requestRaw(DOCUMENT_SCORE_REQUEST, {}), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.requestRaw(GENERATE_REQUEST, { kind: 'novel' }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.requestRaw('gbt27922/noSuchRequest', {}), (e: { code: number }) => e.code === ErrorCodes.MethodNotFound);
    // Nonsense positions and unknown documents are answered, not fatal.
    const uri = ws.uri(FILES.audit);
    assert.equal(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 99999, character: 5 } }), null);
    assert.equal(await client.request(HoverRequest.type, { textDocument: { uri: 'file:///nowhere/x.md' }, position: { line: 0, character: 0 } }), null);
    assert.equal((await score('untitled:Untitled-1')).kind, 'none');
    assert.ok(client.isRunning);
    assert.equal((await score(uri)).audit?.total, '92.00');
  });
});
