/**
 * File uploads as files.uploadV2 makes them: files.getUploadURLExternal (an id and a URL), a POST
 * of the content to that URL (the emulator's /upload/<id>), files.completeUploadExternal (shares it).
 */
import { SlackError } from '../types';
import { isRecord, optionalString, requireArgs, stringArg } from '../validate';
import type { Handler } from './context';

let fileCounter = 0;

export const fileMethods: Record<string, Handler> = {
  'files.getUploadURLExternal': (args, ctx) => {
    requireArgs(args, 'filename', 'length');
    const length = Number(args.length);
    if (!Number.isInteger(length) || length < 0) throw new SlackError('invalid_arguments');
    const id = `F0${String(++fileCounter).padStart(8, '0')}`;
    ctx.ws.files.set(id, { id, filename: stringArg(args, 'filename'), length, completed: false });
    return { upload_url: ctx.uploadUrl(id), file_id: id };
  },

  'files.completeUploadExternal': (args, ctx) => {
    requireArgs(args, 'files');
    const listed = Array.isArray(args.files) ? args.files : [];
    if (listed.length === 0 || !listed.every((f) => isRecord(f) && typeof f.id === 'string')) throw new SlackError('invalid_arguments');
    const channelId = optionalString(args, 'channel_id');
    const channel = channelId === undefined ? undefined : ctx.ws.conversation(channelId, { needMember: true });
    const initialComment = optionalString(args, 'initial_comment');
    const done = listed.map((entry) => {
      const { id, title } = entry as { id: string; title?: unknown };
      const file = ctx.ws.files.get(id);
      // Like Slack: a file whose content never arrived cannot be completed.
      if (!file || file.content === undefined) throw new SlackError('file_not_found');
      Object.assign(file, { completed: true, ...(typeof title === 'string' ? { title } : {}), ...(channel ? { channel } : {}), ...(initialComment ? { initialComment } : {}) });
      return { id: file.id, name: file.filename, title: file.title ?? file.filename, size: file.content.length };
    });
    return { files: done };
  },
};
