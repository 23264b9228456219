import type { Message } from "@prisma/client";

/** A message as the widget sees it (no intent scores, no internal meta). */
export interface PublicMessage {
  id: number;
  author: string;
  text: string;
  createdAt: string;
  quickReplies?: string[];
  clientMessageId?: string | null;
  agentName?: string | null;
}

export function toPublic(m: Message): PublicMessage {
  let quickReplies: string[] | undefined;
  if (m.meta) {
    try {
      const meta = JSON.parse(m.meta) as { quickReplies?: string[] };
      if (Array.isArray(meta.quickReplies)) quickReplies = meta.quickReplies;
    } catch {
      // A malformed meta only loses its buttons.
    }
  }
  return {
    id: m.id,
    author: m.author,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    ...(quickReplies ? { quickReplies } : {}),
    clientMessageId: m.clientMessageId,
    agentName: m.author === "agent" ? m.agentName : null,
  };
}
