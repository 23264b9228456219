// Entry of assets/shopdesk-chat-ui.js, fetched by the loader on first open. A classic script cannot export,
// so it hands its module over through one namespaced global.
import { UI_GLOBAL } from "./contract";
import { mountPanel } from "./panel";

window[UI_GLOBAL] = { mount: mountPanel };
