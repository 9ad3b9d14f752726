import assert from 'node:assert/strict';
import { readFileTool } from '../../../src/agent/tools/readFile';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { pageShownText, readFilePage } from '../../../src/webview/readFilePage';
import { breakdownRows, meterLabel, shortTokens } from '../../../src/webview/usageText';
import { runTool } from '../tools/fileToolHarness';
import { useTempTrees } from '../workspace/tempTree';

describe('The context meter and usage texts', () => {
  it('shortens token counts for a narrow sidebar', () => {
    assert.deepEqual([0, 950, 1000, 12_345, 99_999, 128_000, 1_047_576, 2_000_000].map(shortTokens), ['0', '950', '1k', '12.3k', '100k', '128k', '1.05M', '2M']);
  });

  it('labels the meter with used / window and the share', () => {
    const context = { systemPrompt: 300, rules: 50, toolSpecs: 900, mcpToolSpecs: 0, history: 2000, toolResults: 750, mcpToolResults: 0, total: 4000, window: 32_768 };
    assert.deepEqual(meterLabel(context), { text: '4k / 32.8k', share: 4000 / 32_768 });
    assert.deepEqual(
      breakdownRows(context).map((row) => `${row.label} ${row.tokens}`),
      ['System prompt 300', 'Tool specs 900', 'Rules 50', 'History 2000', 'Tool results 750'],
    );
  });

  it('lists what is attached to the next message, before it is sent', () => {
    const context = { systemPrompt: 300, rules: 50, toolSpecs: 900, mcpToolSpecs: 0, history: 2000, toolResults: 750, mcpToolResults: 0, total: 4000, window: 32_768 };
    assert.deepEqual(breakdownRows(context, 1200).at(-1), { label: 'Attached, not sent yet', tokens: 1200 });
    assert.ok(!breakdownRows(context, 0).some((row) => row.label.startsWith('Attached')));
  });

  it("lists MCP's share beside the built-in tools' once MCP tools are offered", () => {
    const context = { systemPrompt: 300, rules: 50, toolSpecs: 900, mcpToolSpecs: 400, history: 2000, toolResults: 750, mcpToolResults: 0, total: 4400, window: 32_768 };
    assert.deepEqual(
      breakdownRows(context).map((row) => `${row.label} ${row.tokens}`),
      ['System prompt 300', 'Tool specs 900', 'MCP tool specs 400', 'Rules 50', 'History 2000', 'Tool results 750', 'MCP tool results 0'],
    );
  });
});

describe('What a read_file card says it showed', () => {
  const temp = useTempTrees();
  const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

  // The card reads the note the real tool writes, so a change to its wording fails here.
  const readPage = async (lines: number, args: Record<string, unknown> = {}) => {
    const workspace = new NodeWorkspace(await temp.tree({ 'long.txt': numbered(lines) }));
    const result = await runTool(readFileTool, { path: 'long.txt', ...args }, workspace);
    return readFilePage(result.content);
  };

  it('names the lines a first page left out', async () => {
    const page = await readPage(5000);
    assert.ok(page);
    assert.equal(pageShownText(page), 'Shown: lines 1–2000 of 5000. Not shown: lines 2001–5000.');
  });

  it('names the lines before and after a page in the middle', async () => {
    const page = await readPage(300, { start_line: 100, end_line: 120 });
    assert.ok(page);
    assert.equal(pageShownText(page), 'Shown: lines 100–120 of 300. Not shown: lines 1–99 and 121–300.');
  });

  it('says nothing when the whole file was shown', async () => {
    assert.equal(await readPage(30), undefined);
    assert.equal(await readPage(30, { start_line: 1, end_line: 30 }), undefined);
  });

  it('does not take a line of the file itself for the note', () => {
    assert.equal(readFilePage('   1\t[Lines 1-2 of 9, 1 KB.]x'), undefined);
  });
});
