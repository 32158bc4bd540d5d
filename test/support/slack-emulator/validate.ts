/** Argument checks shared by the method handlers. Failures throw SlackError like Slack answers. */
import { type Args, SlackError } from './types';

const missing = (v: unknown) => v === undefined || v === null || v === '';

function invalidArguments(message: string): SlackError {
  return new SlackError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${message}`] } });
}

/** Every name must be present and non-empty, else `invalid_arguments`. */
export function requireArgs(args: Args, ...names: string[]): void {
  for (const name of names) if (missing(args[name])) throw invalidArguments(`missing required field: ${name}`);
}

/** At least one of the names must be present, else `invalid_arguments`. */
export function requireOneOf(args: Args, ...names: string[]): void {
  if (names.every((n) => missing(args[n]))) throw invalidArguments(`missing required field: one of ${names.join(', ')}`);
}

export function optionalString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (missing(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw invalidArguments(`${name} must be a string`);
}

export function stringArg(args: Args, name: string): string {
  requireArgs(args, name);
  return optionalString(args, name) as string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const textOf = (v: unknown): string | undefined => (isRecord(v) && typeof v.text === 'string' ? v.text : undefined);

/** A few of Block Kit's documented limits, so that a bad card fails in tests as it would in Slack. */
export function validateBlocks(blocks: unknown, maxBlocks: number): unknown[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) throw new SlackError('invalid_blocks', { errors: ['blocks must be an array'] });
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `[json-pointer:/blocks/${i}]`;
    if (!isRecord(block) || typeof block.type !== 'string') return void problems.push(`missing required field: type ${at}`);
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > 255) problems.push(`block_id must be at most 255 characters ${at}`);
      if (blockIds.has(block.block_id)) problems.push(`duplicate block_id ${block.block_id} ${at}`);
      blockIds.add(block.block_id);
    }
    const text = textOf(block.text);
    if (block.type === 'section') {
      if (text !== undefined && text.length > 3000) problems.push(`must be less than 3001 characters [json-pointer:/blocks/${i}/text/text]`);
      if (Array.isArray(block.fields) && block.fields.length > 10) problems.push(`no more than 10 fields allowed ${at}`);
      if (text === undefined && !Array.isArray(block.fields)) problems.push(`section needs text or fields ${at}`);
    }
    if (block.type === 'header' && (text ?? '').length > 150) problems.push(`must be less than 151 characters [json-pointer:/blocks/${i}/text/text]`);
    if (block.type === 'context' && Array.isArray(block.elements) && block.elements.length > 10) problems.push(`no more than 10 elements allowed ${at}`);
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      if (block.elements.length > 25) problems.push(`no more than 25 elements allowed ${at}`);
      const actionIds = new Set<string>();
      for (const el of block.elements) {
        if (!isRecord(el)) continue;
        if (typeof el.action_id === 'string') {
          if (actionIds.has(el.action_id)) problems.push(`duplicate action_id ${el.action_id} ${at}`);
          actionIds.add(el.action_id);
        }
        if (typeof el.value === 'string' && el.value.length > 2000) problems.push(`value must be at most 2000 characters ${at}`);
        if ((textOf(el.text) ?? '').length > 75) problems.push(`button text must be at most 75 characters ${at}`);
      }
    }
  });
  if (problems.length > 0) {
    throw new SlackError('invalid_blocks', { errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
  }
  return blocks;
}

/** Message metadata must be `{ event_type, event_payload }`. */
export function validateMetadata(metadata: unknown): { event_type: string; event_payload: Record<string, unknown> } {
  if (!isRecord(metadata) || typeof metadata.event_type !== 'string' || !isRecord(metadata.event_payload)) {
    throw new SlackError('invalid_metadata_format');
  }
  return { event_type: metadata.event_type, event_payload: metadata.event_payload };
}

/** A modal or Home view: a type, blocks within limits, short titles. */
export function validateView(view: unknown, expected: 'modal' | 'home'): Record<string, unknown> {
  if (!isRecord(view)) throw invalidArguments('view must be an object');
  if (view.type !== expected) throw invalidArguments(`view.type must be ${expected}`);
  validateBlocks(view.blocks ?? [], 100);
  if (expected === 'modal') {
    if ((textOf(view.title) ?? '').length === 0) throw invalidArguments('missing required field: title');
    for (const key of ['title', 'submit', 'close']) {
      if ((textOf(view[key]) ?? '').length > 24) throw invalidArguments(`${key} must be at most 24 characters`);
    }
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) throw invalidArguments('private_metadata must be at most 3000 characters');
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) throw invalidArguments('callback_id must be at most 255 characters');
  return view;
}
