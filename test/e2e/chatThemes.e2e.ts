// Issue 13, the chat as people see it, in a light and a dark theme: a reply with inline code and
// a tab-indented code block with a long line, an edit waiting for review, a question from
// ask_user, and the context meter. The screenshots of both themes are for looking at; the checks
// are what must hold in any theme.
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { reply, text, toolCall, usage } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE, lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const LONG_LINE = `const report = [${Array.from({ length: 16 }, (_, i) => `'entry ${i + 1}'`).join(', ')}];`;
const ANSWER = [
  'The loop skips the first number: `i` starts at `1` instead of `0`.\n\n',
  '```js\nfunction sum(numbers) {\n\tlet total = 0;\n\tfor (let i = 0; i < numbers.length; i++) {\n\t\ttotal += numbers[i];\n\t}\n\treturn total;\n}\n',
  `${LONG_LINE}\n\`\`\`\n\nI will fix it now.`,
];
const QUESTION = { question: 'Should I add a test for the empty list too?', options: ['Yes', 'No'] };
const themes = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const;

/** The computed colours and sizes the checks need, read in the chat's own frame. */
function looks(chat: FrameLocator) {
  return chat.locator('#messages .message.assistant').first().evaluate((message) => {
    const pre = message.querySelector('.code-block pre')!;
    const code = pre.querySelector('code')!;
    const inline = message.querySelector(':not(pre) > code')!;
    const page = getComputedStyle(document.body).backgroundColor;
    return {
      page,
      inline: getComputedStyle(inline).backgroundColor,
      block: getComputedStyle(message.querySelector('.code-block')!).backgroundColor,
      codeInBlock: getComputedStyle(code).backgroundColor,
      tabSize: getComputedStyle(pre).tabSize,
      scrolls: pre.scrollWidth > pre.clientWidth,
      blockInside: pre.getBoundingClientRect().right <= message.getBoundingClientRect().right + 0.5,
    };
  });
}

describe('The chat in a light and a dark theme', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  for (const [shade, theme] of themes) {
    it(`shows code, an edit, a question and the meter legibly in ${theme}`, async () => {
      const scenario = await scenarios.open({
        name: `13-chat-${shade}`,
        script: [
          reply(...text(...ANSWER), ...toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE }), usage(1200, 40)),
          reply(...toolCall('ask_user', QUESTION), usage(1400, 20)),
          (request) => reply(...text(`Noted: ${lastContent(request.body.messages, 'tool')}`), usage(1600, 20)),
        ],
        settings: { 'workbench.colorTheme': theme, 'editor.tabSize': 2, 'ouro.contextWindow': { 'mock-model': 32000 } },
      });
      const chat = await scenario.openChat();
      await sendMessage(chat, 'fix the bug in src/math.js');

      // The edit waits: its path once, and what it changes in lines.
      const edit = toolCard(chat, 'edit_file', 'waiting');
      await edit.locator('.approval .line-counts', { hasText: '+1 −1' }).waitFor();
      const shown = await edit.locator('summary, .approval').allInnerTexts();
      assert.equal(shown.join('\n').split('src/math.js').length - 1, 1, shown.join('\n'));

      // Code: a chip that shows on the sidebar, a block without a band per line, tabs as wide as
      // the editor's, a long line that scrolls inside its block.
      const seen = await looks(chat);
      assert.notEqual(seen.inline, seen.page, 'inline code has the sidebar colour');
      assert.notEqual(seen.block, seen.page, 'a code block has the sidebar colour');
      assert.equal(seen.codeInBlock, 'rgba(0, 0, 0, 0)', 'each line of a code block has its own band');
      assert.equal(seen.tabSize, '2');
      assert.ok(seen.scrolls && seen.blockInside, 'a long line runs out of its code block');
      // Icons are drawn: the Accept button's check is a 16 px mask of the codicon's SVG (once the
      // view's stylesheets have come through the webview's resource loader: give it 10 s).
      const glyph = edit.locator('.approval button.accept .codicon-check');
      const drawn = () =>
        glyph.evaluate((element) => {
          const style = getComputedStyle(element);
          return { mask: style.maskImage || style.webkitMaskImage, width: element.getBoundingClientRect().width };
        });
      let check = await drawn();
      for (const until = Date.now() + 10_000; !check.mask.startsWith('url(') && Date.now() < until; check = await drawn()) await scenario.page.waitForTimeout(100);
      assert.match(check.mask, /^url\("data:image\/svg\+xml,/, 'the check icon has no SVG: dist/icons.css is missing or lacks it');
      assert.equal(check.width, 16);
      // The review is fully open (the host's word on the wait has reached the card) before Accept.
      await scenario.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'let i = 0' }).waitFor();
      await scenario.shot('code-and-edit-waiting');

      await edit.locator('.approval button.accept').click();
      const question = toolCard(chat, 'ask_user', 'waiting');
      await question.locator('.approval-title', { hasText: QUESTION.question }).waitFor();
      const asked = await question.locator('summary, .approval').allInnerTexts();
      assert.equal(asked.join('\n').split(QUESTION.question).length - 1, 1, asked.join('\n'));
      await scenario.shot('question');

      await question.locator('button.answer-option', { hasText: 'Yes' }).click();
      await chat.locator('#messages .message.assistant', { hasText: 'Noted: The user answered: Yes' }).waitFor();
      await waitUntilIdle(chat);
      await chat.locator('#context-meter meter').waitFor();
      await scenario.shot('answered-with-meter');
    });
  }
});
