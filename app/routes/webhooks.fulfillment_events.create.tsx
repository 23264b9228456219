import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "../webhooks/accept.server";

export const action = ({ request }: ActionFunctionArgs) => acceptWebhook(request, "FULFILLMENT_EVENTS_CREATE");
