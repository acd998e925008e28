/**
 * A real editor other than VS Code: headless Neovim (0.7, Debian's `neovim`) starts the bundled
 * server with the `vim.lsp.start_client` set-up docs/server.md shows, and sees the diagnostics
 * and hover. Skipped (and counted as skipped) when `nvim` is not installed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { SERVER_BUNDLE } from './lspClient';
import { FILES, SampleWorkspace } from './sampleWorkspace';

function hasNvim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

const INIT = (server: string) => `
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    local root = vim.fn.getcwd()
    _G.gbt27922_client = _G.gbt27922_client or vim.lsp.start_client({
      name = 'gbt27922',
      cmd = { 'node', '--single-threaded-gc', '--max-semi-space-size=8', ${JSON.stringify(server)}, '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      init_options = { locale = 'zh', cacheDir = vim.NIL },
    })
    vim.lsp.buf_attach_client(args.buf, _G.gbt27922_client)
  end,
})
`;

const CHECK = (out: string, line: number, character: number) => `
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local result = { diagnostics = {}, hover = vim.NIL }
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, { line = d.lnum, severity = d.severity, code = d.code, message = d.message })
end
local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = ${line}, character = ${character} } }
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000)
for _, r in pairs(res or {}) do
  if r.result then result.hover = r.result.contents.value end
end
vim.fn.writefile({ vim.fn.json_encode(result) }, ${JSON.stringify(out)})
vim.cmd('qa!')
`;

describe('protocol: Neovim as the client (headless)', function () {
  let ws: SampleWorkspace | undefined;

  before(function () {
    if (!hasNvim()) this.skip();
  });

  after(function () {
    ws?.dispose();
  });

  it('shows the uncovered item on the manual root and hovers a tag, in Chinese', function () {
    ws = new SampleWorkspace();
    const init = ws.path('.nvim-init.lua');
    const check = ws.path('.nvim-check.lua');
    const out = ws.path('.nvim-out.json');
    const tag = ws.find(FILES.root, '[5.1.4.1]', 3);
    writeFileSync(init, INIT(SERVER_BUNDLE));
    writeFileSync(check, CHECK(out, tag.line, tag.character));
    const r = spawnSync('nvim', ['--headless', '-u', init, FILES.root, '-c', `luafile ${check}`], { cwd: ws.dir, encoding: 'utf8', timeout: 45000 });
    assert.equal(r.status, 0, `nvim: ${r.error ?? ''} ${r.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { line: number; severity: number; code: string; message: string }[]; hover: string | null };
    assert.deepEqual(result.diagnostics, [
      { line: ws.find(FILES.root, '# 华东').line, severity: 2, code: 'uncovered-item', message: '手册未覆盖 5.1.6.4（1 分）：重视服务标准化工作，鼓励参与国家、行业有关标准的制定工作' },
    ]);
    assert.match(result.hover ?? '', /^\*\*5\.1\.4\.1\*\* .* · \*\*4 分\*\*/);
  });
});
