/**
 * Slack's Block Kit limits (see /work/shared/SLACK.md), checked the way Slack checks them before it
 * accepts a message or a view. Pure: used by the fake Web API and by unit tests of Block Kit builders.
 * Each violation reads `<json-pointer>: <what is wrong>`, e.g. `/blocks/3/text/text: 3001 characters, at most 3000`.
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const MESSAGE_MAX_BLOCKS = 50;
const VIEW_MAX_BLOCKS = 100;
const SECTION_TEXT_MAX = 3000;
const SECTION_FIELDS_MAX = 10;
const SECTION_FIELD_TEXT_MAX = 2000;
const HEADER_TEXT_MAX = 150;
const CONTEXT_ELEMENTS_MAX = 10;
const ACTIONS_ELEMENTS_MAX = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const BUTTON_URL_MAX = 3000;
const ID_MAX = 255;
const INPUT_LABEL_MAX = 2000;
const IMAGE_ALT_TEXT_MAX = 2000;
const IMAGE_URL_MAX = 3000;
const VIEW_TEXT_MAX = 24;
const PRIVATE_METADATA_MAX = 3000;

class Collector {
  readonly violations: string[] = [];

  add(pointer: string, problem: string): void {
    this.violations.push(`${pointer}: ${problem}`);
  }

  maxLength(pointer: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) this.add(pointer, `${value.length} characters, at most ${max}`);
  }

  maxItems(pointer: string, items: readonly unknown[], max: number, what: string): void {
    if (items.length > max) this.add(pointer, `${items.length} ${what}, at most ${max}`);
  }

  /** A composition text object: `{ type: 'plain_text' | 'mrkdwn', text: non-empty string }`. */
  textObject(pointer: string, value: unknown, max: number, options: { plainOnly?: boolean } = {}): void {
    if (!isRecord(value)) {
      this.add(pointer, 'a text object is required');
      return;
    }
    const allowed = options.plainOnly === true ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.add(`${pointer}/type`, `must be ${allowed.join(' or ')}`);
    }
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.add(`${pointer}/text`, 'must be a non-empty string');
      return;
    }
    this.maxLength(`${pointer}/text`, value.text, max);
  }
}

const checkElement = (c: Collector, pointer: string, element: unknown): void => {
  if (!isRecord(element)) {
    c.add(pointer, 'an element object is required');
    return;
  }
  if (typeof element.type !== 'string') c.add(`${pointer}/type`, 'is required');
  c.maxLength(`${pointer}/action_id`, element.action_id, ID_MAX);
  if (element.type === 'button') {
    c.textObject(`${pointer}/text`, element.text, BUTTON_TEXT_MAX, { plainOnly: true });
    c.maxLength(`${pointer}/value`, element.value, BUTTON_VALUE_MAX);
    c.maxLength(`${pointer}/url`, element.url, BUTTON_URL_MAX);
  }
};

const checkUniqueActionIds = (c: Collector, pointer: string, elements: readonly unknown[]): void => {
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    if (!isRecord(element) || typeof element.action_id !== 'string') return;
    if (seen.has(element.action_id)) c.add(`${pointer}/${index}/action_id`, `duplicate action_id "${element.action_id}"`);
    seen.add(element.action_id);
  });
};

const checkBlock = (c: Collector, pointer: string, block: unknown): void => {
  if (!isRecord(block)) {
    c.add(pointer, 'a block object is required');
    return;
  }
  c.maxLength(`${pointer}/block_id`, block.block_id, ID_MAX);
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) c.add(pointer, 'a section needs text or fields');
      if (block.text !== undefined) c.textObject(`${pointer}/text`, block.text, SECTION_TEXT_MAX);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) {
          c.add(`${pointer}/fields`, 'must be an array');
        } else {
          c.maxItems(`${pointer}/fields`, block.fields, SECTION_FIELDS_MAX, 'fields');
          block.fields.forEach((field, index) => c.textObject(`${pointer}/fields/${index}`, field, SECTION_FIELD_TEXT_MAX));
        }
      }
      if (block.accessory !== undefined) checkElement(c, `${pointer}/accessory`, block.accessory);
      return;
    }
    case 'header':
      c.textObject(`${pointer}/text`, block.text, HEADER_TEXT_MAX, { plainOnly: true });
      return;
    case 'context': {
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        c.add(`${pointer}/elements`, 'a context needs 1 to 10 elements');
        return;
      }
      c.maxItems(`${pointer}/elements`, block.elements, CONTEXT_ELEMENTS_MAX, 'elements');
      block.elements.forEach((element, index) => {
        const at = `${pointer}/elements/${index}`;
        if (isRecord(element) && (element.type === 'plain_text' || element.type === 'mrkdwn')) {
          c.textObject(at, element, SECTION_TEXT_MAX);
        } else if (!isRecord(element) || element.type !== 'image') {
          c.add(at, 'a context element is a text object or an image');
        }
      });
      return;
    }
    case 'actions': {
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        c.add(`${pointer}/elements`, 'an actions block needs 1 to 25 elements');
        return;
      }
      c.maxItems(`${pointer}/elements`, block.elements, ACTIONS_ELEMENTS_MAX, 'elements');
      block.elements.forEach((element, index) => checkElement(c, `${pointer}/elements/${index}`, element));
      checkUniqueActionIds(c, `${pointer}/elements`, block.elements);
      return;
    }
    case 'input':
      c.textObject(`${pointer}/label`, block.label, INPUT_LABEL_MAX, { plainOnly: true });
      if (block.element === undefined) c.add(`${pointer}/element`, 'is required');
      else checkElement(c, `${pointer}/element`, block.element);
      return;
    case 'image':
      c.maxLength(`${pointer}/image_url`, block.image_url, IMAGE_URL_MAX);
      c.maxLength(`${pointer}/alt_text`, block.alt_text, IMAGE_ALT_TEXT_MAX);
      return;
    case undefined:
      c.add(`${pointer}/type`, 'is required');
      return;
    default:
      // divider, rich_text, markdown, file, video, ...: nothing in our limits table applies.
      return;
  }
};

const checkBlocks = (c: Collector, blocks: unknown, max: number): void => {
  if (!Array.isArray(blocks)) {
    c.add('/blocks', 'must be an array');
    return;
  }
  c.maxItems('/blocks', blocks, max, 'blocks');
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(c, `/blocks/${index}`, block);
    if (isRecord(block) && typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) c.add(`/blocks/${index}/block_id`, `duplicate block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
  });
};

/** What `chat.postMessage`, `chat.update`, `chat.postEphemeral` and `respond()` send. */
export interface SlackMessageInput {
  readonly text?: unknown;
  readonly blocks?: unknown;
}

/** Violations of Slack's message limits; an empty list when Slack would accept the message. */
export const validateSlackMessage = (message: SlackMessageInput): string[] => {
  const c = new Collector();
  const hasText = typeof message.text === 'string' && message.text.length > 0;
  if (message.text !== undefined && typeof message.text !== 'string') c.add('/text', 'must be a string');
  if (message.blocks === undefined) {
    if (!hasText) c.add('/text', 'is required when there are no blocks');
    return c.violations;
  }
  checkBlocks(c, message.blocks, MESSAGE_MAX_BLOCKS);
  if (!hasText) c.add('/text', 'is required with blocks (notification and screen-reader fallback)');
  return c.violations;
};

/** Violations of Slack's limits for a modal or Home tab view (`views.open`, `views.update`, `views.publish`). */
export const validateSlackView = (view: unknown): string[] => {
  const c = new Collector();
  if (!isRecord(view)) {
    c.add('', 'a view object is required');
    return c.violations;
  }
  if (view.type !== 'modal' && view.type !== 'home') c.add('/type', 'must be modal or home');
  if (view.type === 'modal') {
    c.textObject('/title', view.title, VIEW_TEXT_MAX, { plainOnly: true });
    const hasInputs = Array.isArray(view.blocks) && view.blocks.some((block) => isRecord(block) && block.type === 'input');
    if (view.submit !== undefined) c.textObject('/submit', view.submit, VIEW_TEXT_MAX, { plainOnly: true });
    else if (hasInputs) c.add('/submit', 'is required when the modal has input blocks');
    if (view.close !== undefined) c.textObject('/close', view.close, VIEW_TEXT_MAX, { plainOnly: true });
  }
  if (view.private_metadata !== undefined && typeof view.private_metadata !== 'string') {
    c.add('/private_metadata', 'must be a string');
  }
  c.maxLength('/private_metadata', view.private_metadata, PRIVATE_METADATA_MAX);
  c.maxLength('/callback_id', view.callback_id, ID_MAX);
  c.maxLength('/external_id', view.external_id, ID_MAX);
  checkBlocks(c, view.blocks, VIEW_MAX_BLOCKS);
  return c.violations;
};
