/** The reaction that tells the client we have seen their request. */
export const EYES = 'eyes';
