import { strict as assert } from 'node:assert';
import { noImagesNotice, refusesImages, takesImages } from '../../../src/agent/images/visionSupport';
import { listModels } from '../../../src/llm/modelList';
import { useMockServer } from '../llm/streamHelpers';

describe('which models take images', () => {
  const serve = useMockServer();

  it("reads OpenRouter's input modalities from the model list", async () => {
    const server = await serve([], {
      models: [
        { id: 'openai/gpt-4o', architecture: { input_modalities: ['text', 'image'] } },
        { id: 'deepseek/deepseek-chat', architecture: { input_modalities: ['text'] } },
        'plain',
      ],
    });
    const listing = await listModels({ baseURL: server.url });
    assert.equal(listing.kind, 'listed');
    const images = Object.fromEntries((listing.kind === 'listed' ? listing.models : []).map((model) => [model.id, model.images]));
    assert.deepEqual(images, { 'openai/gpt-4o': true, 'deepseek/deepseek-chat': false, plain: undefined });
  });

  it('believes the list first, then knows common text-only models, and does not guess about the rest', () => {
    assert.equal(takesImages('deepseek-chat'), false);
    assert.equal(takesImages('deepseek/deepseek-r1-0528'), false);
    assert.equal(takesImages('gpt-3.5-turbo'), false);
    assert.equal(takesImages('o3-mini'), false);
    assert.equal(takesImages('qwen2.5-coder:7b'), false);
    assert.equal(takesImages('gpt-4o'), undefined);
    assert.equal(takesImages('llava:13b'), undefined);
    assert.equal(takesImages('my-model', { images: false }), false);
    assert.equal(takesImages('deepseek-chat', { images: true }), true, 'the list wins over the table');
  });

  it("recognises an endpoint's 400 for image content, and no other failure", () => {
    assert.equal(refusesImages({ status: 400, message: 'Invalid content type. image_url is only supported by certain models.' }), true);
    assert.equal(refusesImages({ status: 400, message: 'Failed to deserialize the JSON body into the target type: messages[1]: unknown variant `image_url`, expected `text`' }), true);
    assert.equal(refusesImages({ status: 400, message: 'this model does not support images' }), true);
    assert.equal(refusesImages({ status: 401, message: 'bad key for images' }), false);
    assert.equal(refusesImages({ status: 400, message: "This model's maximum context length is 8192 tokens" }), false);
  });

  it('says what happened and what the person can do', () => {
    assert.equal(noImagesNotice('deepseek-chat', 'listed'), 'deepseek-chat does not take images: the message was not sent. Send its words without the images, or choose a model that takes images.');
    assert.match(noImagesNotice('mock-model', 'refused'), /^mock-model refused the images\. Send its words without the images/);
  });
});
