// Runs a warehouse load in a child process and stops in the middle of it (inside the open transaction), so the
// parent test can SIGKILL it there, like an OOM kill or a pulled plug.
import { loadWarehouse } from "../src/load";
import { SyntheticOrderSource } from "../src/orders";

const config = JSON.parse(process.env.WAREHOUSE_TEST_CONFIG!);
let batches = 0;
await loadWarehouse({
  config,
  orderSource: new SyntheticOrderSource(config.syntheticDir),
  chunkIds: 200,
  chunksPerBatch: 1,
  readerThreads: 1,
  onBatch: async (source) => {
    batches++;
    if (source === "messages" && batches === 3) {
      process.send!("mid-load");
      await new Promise(() => undefined);
    }
  },
});
process.send!("finished");
