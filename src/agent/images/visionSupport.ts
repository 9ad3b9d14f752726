// Whether a model takes images, as far as Ouro can know before asking it: what the endpoint's
// model list says (OpenRouter's input modalities), else a short table of common text-only models.
// Unknown models are sent the images; an endpoint that refuses them says so with a 400 that
// refusesImages recognises.

/** Common models that take text only (matched on the name after any "provider/"). */
const TEXT_ONLY: readonly RegExp[] = [/^deepseek-(chat|reasoner|coder|r1|v3)/, /^gpt-3\.5/, /^o1-mini/, /^o3-mini/, /^codestral/, /^qwen[\d.]*-?coder/, /^gpt-oss/];

/** false: the model is known not to take images; true: known to; undefined: not known. */
export function takesImages(model: string, listed?: { images?: boolean }): boolean | undefined {
  if (listed?.images !== undefined) return listed.images;
  const name = model.trim().toLowerCase().split('/').at(-1) ?? '';
  return TEXT_ONLY.some((pattern) => pattern.test(name)) ? false : undefined;
}

/**
 * A request refused because of its image content. OpenAI: "image_url is only supported by certain
 * models"; DeepSeek: "unknown variant `image_url`, expected `text`"; Ollama and vLLM name images
 * or a multimodal model.
 */
export function refusesImages(error: { message: string; status?: number }): boolean {
  return (error.status === 400 || error.status === 422 || error.status === undefined) && /image_url|\bimages?\b|vision|multi-?modal/i.test(error.message);
}

/** What the chat says when a model does not take images; the text goes alone only if the person agrees. */
export function noImagesNotice(model: string, known: 'listed' | 'refused' | 'editor'): string {
  const what =
    known === 'listed' ? `${model} does not take images: the message was not sent.`
    : known === 'editor' ? `This version of VS Code cannot pass images to its language models (${model}): the message was not sent.`
    : `${model} refused the images.`;
  return `${what} Send its words without the images, or choose a model that takes images.`;
}
