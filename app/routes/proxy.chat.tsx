import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handlePoll, handleSend } from "../chat/api.server";

// Shopify's App Proxy forwards https://{shop}/apps/shopdesk/chat here, signed.
export const loader = ({ request }: LoaderFunctionArgs) => handlePoll(request);
export const action = ({ request }: ActionFunctionArgs) => handleSend(request);
