/** The queues of the Inbox, in the order the tabs show them. */
export const QUEUE_STATUSES = ["waiting", "assigned", "closed", "bot"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
