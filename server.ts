import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import cluster from "node:cluster";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The production HTTP server: Remix's built app behind Express, with hashed assets cached for a year. Run several
 * of these behind a load balancer in production; they share nothing but the database.
 */
export async function startAppServer(opts: { port: number; host?: string; buildDir?: string }): Promise<Server> {
  const buildDir = path.resolve(opts.buildDir ?? "build");
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Which instance answered, when several run (npm run start:cluster): for the tests and for reading logs.
  if (cluster.isWorker) {
    const instance = String(cluster.worker!.id);
    app.use((_req, res, next) => {
      res.setHeader("X-Shopdesk-Instance", instance);
      next();
    });
  }
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return new Promise((resolve) => {
    const server = app.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve(server));
  });
}

// `npm start`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT || 3000);
  startAppServer({ port, host: process.env.HOST ?? "0.0.0.0" }).then(() => {
    console.log(`Shopdesk listening on http://localhost:${port}`);
  });
}
