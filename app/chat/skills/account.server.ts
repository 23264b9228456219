import type { Skill } from "./context";
import { say } from "./context";

/**
 * Account questions are answered by Shopify's customer account pages; the bot points there. Deleting an account
 * is a privacy request a person handles.
 */
export const account: Skill = async (ctx) => {
  const base = ctx.profile.primaryDomain.url.replace(/\/$/, "");
  switch (ctx.intent) {
    case "recover_password":
      return say(ctx.tr("account.recover", { url: `${base}/account/login#recover` }));
    case "delete_account":
      return { ...say(ctx.tr("account.delete")), handoff: "account_request" };
    case "edit_account":
    case "newsletter_subscription":
    case "switch_account":
      return say(ctx.tr("account.manage", { url: `${base}/account` }));
    default:
      return say(ctx.tr("account.login", { url: `${base}/account/login` }));
  }
};
