/** The emulator's file uploads, through WebClient.filesUploadV2 (three calls and an upload URL). */
import { dmChannelId, internalUser } from '../../support/slack-emulator';
import { clientFor, rejectionOf, useEmulator } from './helpers';

const emulator = useEmulator();

beforeEach(() => emulator().addUser(internalUser('U0LEAD', 'Leena Lead')));

describe('files.uploadV2', () => {
  it('when a file is uploaded into a DM, then its content, name and comment are stored there', async () => {
    const client = clientFor(emulator());
    const dm = (await client.conversations.open({ users: 'U0LEAD' })).channel?.id as string;
    const content = JSON.stringify({ requests: [{ excerpt: 'Exports fail – ääkköset' }] });
    const res = await client.filesUploadV2({ channel_id: dm, filename: 'export.json', title: 'Export', content, initial_comment: 'Here it is' });

    expect(res.ok).toBe(true);
    expect(emulator().files).toEqual([
      expect.objectContaining({ filename: 'export.json', title: 'Export', content, channel: dmChannelId('U0LEAD'), initialComment: 'Here it is', completed: true }),
    ]);
    expect(emulator().calls.map((c) => c.method)).toEqual(['conversations.open', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
  });

  it('when an upload is completed before its content arrived, then Slack says file_not_found', async () => {
    const client = clientFor(emulator());
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'x.json', length: 3 });
    const error = await rejectionOf(client.files.completeUploadExternal({ files: [{ id: file_id as string }] }));
    expect(error.data?.error).toBe('file_not_found');
  });

  it('when the upload names no file or length, then the arguments are refused', async () => {
    const error = await rejectionOf(clientFor(emulator()).apiCall('files.getUploadURLExternal', { filename: 'x.json' }));
    expect(error.data?.error).toBe('invalid_arguments');
  });
});
