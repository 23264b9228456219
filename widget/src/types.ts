/** Who wrote a message, as the chat API reports it. */
export type Author = "shopper" | "bot" | "agent" | "system";

/** Conversation state: the bot answers, a person was asked for, a person answers, or it ended. */
export type ChatStatus = "bot" | "waiting" | "assigned" | "closed";

/** One stored message, as returned by the App Proxy chat API. */
export interface Message {
  id: number;
  author: Author;
  text: string;
  createdAt: string;
  quickReplies?: string[];
  clientMessageId?: string | null;
  agentName?: string | null;
}

/** Body of `POST /chat` (200) and `GET /chat` (conversationId is null until the shopper writes). */
export interface ChatResponse {
  conversationId: string | null;
  status: ChatStatus;
  messages: Message[];
}
