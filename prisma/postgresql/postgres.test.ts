/**
 * The PostgreSQL path, against a real server: TEST_POSTGRES_URL (e.g.
 * postgresql://shopdesk:shopdesk@127.0.0.1:5432/shopdesk_test; .ci/run sets it up). Without a reachable server the
 * database tests are skipped and say why. Each run works in fresh schemas of that database, dropped afterwards, so
 * reruns start clean.
 */
import { Prisma } from "@prisma/client";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_SCHEMA, diffSql, toPostgresSchema } from "./generate";
import { MIGRATIONS_TABLE, migratePostgres, migrationNames } from "./migrate";

const ROOT = path.resolve(__dirname, "../..");
const BASE_URL = process.env.TEST_POSTGRES_URL ?? "";

/** Why the database tests cannot run here, or null when PostgreSQL answers. */
async function unavailable(): Promise<string | null> {
  if (!BASE_URL) return "TEST_POSTGRES_URL is not set";
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return `PostgreSQL at TEST_POSTGRES_URL is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const skipReason = await unavailable();
if (skipReason) console.warn(`prisma/postgresql/postgres.test.ts: PostgreSQL tests SKIPPED: ${skipReason}`);

/** TEST_POSTGRES_URL pointed at a new schema name (`?schema=`, read by migrate.ts and app/db.server.ts). */
function urlWithSchema(schema: string): string {
  const url = new URL(BASE_URL);
  url.searchParams.set("schema", schema);
  return url.toString();
}

const runId = `${Date.now().toString(36)}_${process.pid}`;
const schemas: string[] = [];
function freshSchema(label: string): string {
  const name = `shopdesk_test_${runId}_${label}`;
  schemas.push(name);
  return name;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Tables, columns, indexes and constraints of a schema, with the schema's own name taken out so two compare. */
async function catalog(schema: string) {
  return withAdmin(async (c) => {
    const strip = (s: string | null) => (s ?? "").split(`"${schema}".`).join("").split(`${schema}.`).join("");
    const columns = await c.query(
      `select table_name, column_name, data_type, is_nullable, column_default, datetime_precision
         from information_schema.columns where table_schema = $1 and table_name <> $2 order by 1, 2`,
      [schema, MIGRATIONS_TABLE]
    );
    const indexes = await c.query(
      `select tablename, indexname, indexdef from pg_indexes where schemaname = $1 and tablename <> $2 order by 1, 2`,
      [schema, MIGRATIONS_TABLE]
    );
    const constraints = await c.query(
      `select con.conname, con.contype, pg_get_constraintdef(con.oid) as def
         from pg_constraint con join pg_namespace n on n.oid = con.connamespace
        where n.nspname = $1 and con.conname not like $2 order by 1`,
      [schema, `${MIGRATIONS_TABLE}%`]
    );
    return {
      columns: columns.rows.map((r) => ({ ...r, column_default: strip(r.column_default) })),
      indexes: indexes.rows.map((r) => ({ ...r, indexdef: strip(r.indexdef) })),
      constraints: constraints.rows.map((r) => ({ ...r, def: strip(r.def) })),
    };
  });
}

describe("PostgreSQL schema variant", () => {
  it("prisma/postgresql/schema.prisma is what generate.ts derives from prisma/schema.prisma", () => {
    const source = fs.readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
    const message = "prisma/schema.prisma changed: run `npm run db:postgres:generate -- <migration_name>` and commit";
    expect(fs.readFileSync(PG_SCHEMA, "utf8"), message).toBe(toPostgresSchema(source));
  });
});

describe.skipIf(skipReason !== null)(
  `PostgreSQL (TEST_POSTGRES_URL)${skipReason ? `: skipped, ${skipReason}` : ""}`,
  () => {
    const appSchema = freshSchema("app");
    const url = skipReason ? "" : urlWithSchema(appSchema);

    afterAll(async () => {
      if (skipReason) return;
      await withAdmin(async (c) => {
        for (const schema of schemas) await c.query(`drop schema if exists "${schema}" cascade`);
      });
    });

    it("applies every migration to an empty schema once; a second run applies nothing", async () => {
      const all = migrationNames();
      expect(all.length).toBeGreaterThan(0);
      expect(await migratePostgres(url)).toEqual(all);
      expect(await migratePostgres(url)).toEqual([]);

      const tables = await withAdmin(async (c) => {
        const rows = await c.query("select table_name from information_schema.tables where table_schema = $1", [
          appSchema,
        ]);
        return rows.rows.map((r) => r.table_name as string);
      });
      const models = [...fs.readFileSync(PG_SCHEMA, "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
      expect(models.length).toBeGreaterThan(10);
      for (const model of models) expect(tables).toContain(model);
      expect(tables).toContain(MIGRATIONS_TABLE);
    });

    it("concurrent runners (several instances starting together) apply each migration exactly once", async () => {
      const concurrentSchema = freshSchema("concurrent");
      const concurrentUrl = urlWithSchema(concurrentSchema);
      const results = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(concurrentUrl)));
      expect(results.flat().sort()).toEqual(migrationNames());
      const recorded = await withAdmin(async (c) => {
        const rows = await c.query(`select name from "${concurrentSchema}".${MIGRATIONS_TABLE} order by name`);
        return rows.rows.map((r) => r.name as string);
      });
      expect(recorded).toEqual(migrationNames());
    });

    it("the committed migrations build exactly the database the current PostgreSQL schema describes", async () => {
      // Guards against a migration missing or edited by hand: compare with `migrate diff --from-empty` of the schema.
      const expectedSchema = freshSchema("expected");
      await withAdmin(async (c) => {
        await c.query(`create schema "${expectedSchema}"`);
        await c.query(`set search_path to "${expectedSchema}"`);
        await c.query(diffSql(null, PG_SCHEMA));
      });
      const built = await catalog(appSchema);
      expect(built.columns.length).toBeGreaterThan(50);
      expect(built).toEqual(await catalog(expectedSchema));
    });

    describe("through the app's client", () => {
      // app/db.server.ts reads DATABASE_URL when first imported: point it at PostgreSQL so its default client (the one
      // every module of the app uses) is the PostgreSQL one too.
      let db: typeof import("~/db.server");
      let prisma: Awaited<ReturnType<typeof import("~/db.server")["createPrisma"]>>;
      beforeAll(async () => {
        process.env.DATABASE_URL = url;
        db = await import("~/db.server");
        prisma = db.createPrisma(url);
      });
      afterAll(async () => {
        await prisma?.$disconnect();
        await db?.default.$disconnect();
      });

      it("writes and reads a conversation with its messages", async () => {
        const created = await prisma.conversation.create({
          data: {
            shop: "alpha.myshopify.com",
            visitorId: "visitor-1",
            tags: JSON.stringify(["vip", "late"]),
            messages: {
              create: [
                { shop: "alpha.myshopify.com", author: "shopper", text: "Where is my order?", clientMessageId: "c1" },
                { shop: "alpha.myshopify.com", author: "bot", text: "Let me check.", confidence: 0.91 },
              ],
            },
          },
        });
        const read = await prisma.conversation.findUniqueOrThrow({
          where: { id: created.id },
          include: { messages: { orderBy: { id: "asc" } } },
        });
        expect(read.status).toBe("bot");
        expect(JSON.parse(read.tags)).toEqual(["vip", "late"]);
        expect(read.state).toBe("{}");
        expect(read.createdAt).toBeInstanceOf(Date);
        expect(read.messages.map((m) => [m.author, m.text])).toEqual([
          ["shopper", "Where is my order?"],
          ["bot", "Let me check."],
        ]);
        expect(read.messages[1].confidence).toBeCloseTo(0.91);
        // Ids grow monotonically: the widget polls "after id".
        expect(read.messages[1].id).toBeGreaterThan(read.messages[0].id);
        // The default client (DATABASE_URL) sees the same rows.
        expect(await db.default.message.count({ where: { conversationId: created.id } })).toBe(2);
      });

      it("rejects a second message with the same (conversationId, clientMessageId) with P2002", async () => {
        const conversation = await prisma.conversation.create({
          data: { shop: "alpha.myshopify.com", visitorId: "v2" },
        });
        const send = () =>
          prisma.message.create({
            data: {
              shop: conversation.shop,
              conversationId: conversation.id,
              author: "shopper",
              text: "hi",
              clientMessageId: "m-1",
            },
          });
        await send();
        const error = await send().catch((e: unknown) => e);
        // The chat API and the webhook inbox check exactly this: the class from "@prisma/client", and the code.
        expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
        expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
        // Messages without a client id (bot, agent) are not constrained by it.
        for (let i = 0; i < 2; i++) {
          await prisma.message.create({
            data: { shop: conversation.shop, conversationId: conversation.id, author: "bot", text: `reply ${i}` },
          });
        }
        expect(await prisma.message.count({ where: { conversationId: conversation.id } })).toBe(3);
      });

      it("shop/redact (eraseShop) deletes that shop's rows and leaves another shop's", async () => {
        const { eraseShop } = await import("~/compliance/compliance.server");
        for (const shop of ["gone.myshopify.com", "kept.myshopify.com"]) {
          await prisma.shop.create({ data: { shop } });
          await prisma.session.create({
            data: { id: `offline_${shop}`, shop, state: "s", accessToken: "t", userId: 9007199254740993n },
          });
          await prisma.conversation.create({
            data: {
              shop,
              visitorId: "v",
              messages: { create: [{ shop, author: "shopper", text: "hello" }] },
              events: { create: [{ shop, kind: "handoff" }] },
            },
          });
        }
        await eraseShop("gone.myshopify.com");
        const counts = async (shop: string) => [
          await prisma.shop.count({ where: { shop } }),
          await prisma.session.count({ where: { shop } }),
          await prisma.conversation.count({ where: { shop } }),
          await prisma.message.count({ where: { shop } }),
          await prisma.conversationEvent.count({ where: { shop } }),
        ];
        expect(await counts("gone.myshopify.com")).toEqual([0, 0, 0, 0, 0]);
        expect(await counts("kept.myshopify.com")).toEqual([1, 1, 1, 1, 1]);
        // BigInt beyond 2^53 survives the round trip (Shopify user ids).
        const session = await prisma.session.findUniqueOrThrow({ where: { id: "offline_kept.myshopify.com" } });
        expect(session.userId).toBe(9007199254740993n);
      });
    });
  }
);
