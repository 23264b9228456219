import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleCsat } from "../chat/api.server";
import { jsonError } from "../chat/http.server";

export const loader = (_: LoaderFunctionArgs) => jsonError(405, "method_not_allowed", "Use POST to rate a conversation.");
export const action = ({ request }: ActionFunctionArgs) => handleCsat(request);
