/**
 * Delivery keys of the messages in a client's thread: each post carries its key in its metadata
 * (see ../outbound/message-poster), and the living acknowledgement carries the keys of the
 * messages it tells instead (see ./living-ack).
 */
export const acknowledgementKey = (teamId: string, requestId: string): string => `ack_${teamId}_${requestId}`;

export const ownerAnnouncementKey = (teamId: string, requestId: string, ownerId: string): string => `announce_owner_${teamId}_${requestId}_${ownerId}`;

/** A client update, numbered by the request's update count after it. */
export const clientUpdateKey = (teamId: string, requestId: string, seq: number): string => `update_${teamId}_${requestId}_${seq}`;
