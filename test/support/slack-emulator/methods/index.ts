/** The Web API methods the emulator answers. Anything else is `unknown_method`. */
import { authMethods } from './auth';
import { chatMethods } from './chat';
import type { Handler } from './context';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import { reactionMethods } from './reactions';
import { userMethods } from './users';
import { viewMethods } from './views';

export type { Handler, MethodContext } from './context';

export const methods: ReadonlyMap<string, Handler> = new Map(
  Object.entries({ ...authMethods, ...chatMethods, ...reactionMethods, ...userMethods, ...conversationMethods, ...viewMethods, ...fileMethods }),
);
