// Issue 17, images: an image pasted into the prompt shows as a thumbnail, goes to the model as an
// image_url part beside the words, and is still in the conversation after the window reloads.
// A model known not to take images gets a notice instead of the request; an endpoint that refuses
// them gets the same offer after its error. The last scenario runs in a dark theme.
import assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { fault, textReply } from '../fixtures/mockOpenAI';
import type { ContentPart } from '../fixtures/mockOpenAI/script';
import { PNG_CHECKS } from '../fixtures/images';
import { useScenarios } from './harness/scenario';
import { chatFrame, ouroActivity, runCommand, sendMessage, waitUntilIdle } from './harness/workbench';

/** Pastes a PNG into the prompt as the clipboard would: a paste event whose DataTransfer holds a File. */
async function pastePng(chat: FrameLocator, base64: string, name: string): Promise<void> {
  // The page's script is running (it listens for the paste) once it shows the model's name.
  await chat.locator('#model-name', { hasText: 'mock-model' }).waitFor();
  await chat.locator('textarea#prompt').evaluate(
    (prompt, [data, fileName]: readonly [string, string]) => {
      const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: 'image/png' }));
      prompt.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    [base64, name] as const,
  );
}

/** Pastes the picture, sends it with words, and returns the notice that the model did not take it. */
async function sendPictureFor(chat: FrameLocator, notice: string): Promise<Locator> {
  await pastePng(chat, PNG_CHECKS, 'squares.png');
  await chat.locator('#images .image-chip img').waitFor();
  await sendMessage(chat, 'Describe this picture');
  const line = chat.locator('#messages .notice-with-action', { hasText: notice });
  await line.waitFor();
  await waitUntilIdle(chat);
  return line;
}

describe('Images in the composer', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('sends a pasted image as an image_url part and shows it again after a reload', async () => {
    const scenario = await scenarios.open({
      name: '17-images',
      script: [textReply('Blue and yellow squares, like a chessboard.')],
    });
    const page = scenario.page;
    let chat = await scenario.openChat();

    await pastePng(chat, PNG_CHECKS, 'squares.png');
    const chip = chat.locator('#images .image-chip img');
    await chip.waitFor();
    assert.equal(await chip.evaluate((img: HTMLImageElement) => img.naturalWidth), 64, 'the thumbnail shows the image');
    // A file that is not an image is refused with a reason, and the image stays.
    await chat.locator('textarea#prompt').evaluate((prompt) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' }));
      prompt.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await chat.locator('#images .image-problem', { hasText: 'logo.svg: only PNG, JPEG, GIF and WebP images can be sent' }).waitFor();
    assert.equal(await chip.count(), 1);
    // The image counts in the context meter before it is sent: 64 × 48 px is 5 tokens.
    await chat.locator('#context-meter').click();
    await chat.locator('#context-breakdown tr[data-part="Images, not sent yet"] td', { hasText: /^5$/ }).waitFor();
    await scenario.shot('pasted');
    await chat.locator('#context-meter').click();

    await sendMessage(chat, 'What is in this image?');
    await chat.locator('#messages .message.assistant', { hasText: 'like a chessboard' }).waitFor();
    await waitUntilIdle(chat);
    assert.equal(await chat.locator('#images').isHidden(), true, 'the chips went with the message');
    await chat.locator('#messages .message.user .message-images img').waitFor();
    await scenario.shot('sent');

    const user = scenario.mock.requests[0].messages.find((message) => message.role === 'user');
    assert.deepEqual(user?.content as ContentPart[], [
      { type: 'text', text: 'What is in this image?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_CHECKS}` } },
    ]);

    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await ouroActivity(page).waitFor();
    // The view was open when the window reloaded: it opens again by itself.
    chat = chatFrame(page);
    const thumbnail = chat.locator('#messages .message.user', { hasText: 'What is in this image?' }).locator('.message-images img');
    await thumbnail.waitFor();
    assert.equal(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), 64, 'the saved image is shown again');
    await scenario.shot('after-reload');
  });

  it('says so when the model does not take images, and sends the words alone only when asked', async () => {
    const scenario = await scenarios.open({
      name: '17-images-no-vision',
      // The endpoint lists the model as text-only, as OpenRouter does.
      mock: { models: [{ id: 'mock-model', architecture: { input_modalities: ['text'] } }] },
      script: [textReply('I cannot see images, but the words are clear.')],
    });
    const chat = await scenario.openChat();
    const notice = await sendPictureFor(chat, 'mock-model does not take images: the message was not sent');
    assert.equal(scenario.mock.requests.length, 0, 'nothing was sent without the person agreeing');
    await scenario.shot('notice');

    await notice.getByRole('button', { name: 'Send without images' }).click();
    await chat.locator('#messages .message.assistant', { hasText: 'the words are clear' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('sent-without-images');
    const user = scenario.mock.requests[0].messages.find((message) => message.role === 'user');
    assert.equal(user?.content, 'Describe this picture');
  });

  it("offers to send the words alone when the endpoint refuses the images with a 400", async () => {
    const scenario = await scenarios.open({
      name: '17-images-refused',
      script: [fault(400, { message: 'Invalid content type. image_url is only supported by certain models.' }), textReply('Read you: the words alone.')],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    const notice = await sendPictureFor(chat, 'mock-model refused the images.');
    await scenario.shot('refused');

    await notice.getByRole('button', { name: 'Send without images' }).click();
    await chat.locator('#messages .message.assistant', { hasText: 'the words alone' }).waitFor();
    await waitUntilIdle(chat);
    const [refused, resent] = scenario.mock.requests.map((request) => request.messages.find((message) => message.role === 'user'));
    assert.ok(Array.isArray(refused?.content), 'the first request carried the image');
    assert.equal(resent?.content, 'Describe this picture');
  });
});
