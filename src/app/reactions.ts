/** The reaction that tells the client we have seen their request. */
export const EYES = 'eyes';
/** Replaces :eyes: when the request is resolved; also how an owner resolves by reaction. */
export const RESOLVED = 'white_check_mark';
/** Feedback on the closing message, by reaction name (Slack's aliases included). */
export const FEEDBACK: Readonly<Record<string, 'positive' | 'neutral' | 'negative'>> = {
  '+1': 'positive',
  thumbsup: 'positive',
  neutral_face: 'neutral',
  '-1': 'negative',
  thumbsdown: 'negative',
};
