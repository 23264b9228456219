import { beforeEach, describe, expect, it } from "vitest";
import {
  createAdminStandIn,
  DEMO_ACCESS_TOKEN,
  type AdminStandIn,
} from "./admin-api";
import { createDemoShop, type DemoOrder } from "./shop-data";

type Body = { data?: any; errors?: any; extensions?: any };

let api: AdminStandIn;
const run = async (query: string, variables?: Record<string, unknown>) => {
  const res = await api.execute({
    query,
    variables,
    accessToken: DEMO_ACCESS_TOKEN,
  });
  return { status: res.status, body: res.body as Body };
};
const orderOf = (scenario: DemoOrder["scenario"]) =>
  api.data.orders.find((o) => o.scenario === scenario)!;

beforeEach(() => {
  api = createAdminStandIn(
    createDemoShop({ now: new Date("2026-10-15T12:00:00Z") })
  );
});

const CANCEL = `#graphql
  mutation CancelOrder($orderId: ID!) {
    orderCancel(orderId: $orderId, reason: CUSTOMER, refund: true, restock: true, notifyCustomer: true) {
      job { id done }
      orderCancelUserErrors { field message code }
    }
  }`;

describe("Admin API stand-in", () => {
  it("answers an order looked up by name, with tracking and cost", async () => {
    const late = orderOf("late");
    const { status, body } = await run(
      `query OrderByName($q: String!) {
        orders(first: 1, query: $q) {
          nodes {
            id name email displayFulfillmentStatus
            customer { displayName }
            fulfillments(first: 5) { displayStatus estimatedDeliveryAt trackingInfo { company number url } }
          }
        }
      }`,
      { q: `name:${late.name}` }
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const [order] = body.data.orders.nodes;
    expect(order).toMatchObject({
      id: late.id,
      name: late.name,
      email: late.email,
    });
    expect(order.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    expect(order.fulfillments[0].trackingInfo[0].url).toMatch(/^https:\/\//);
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: expect.any(Number),
      actualQueryCost: expect.any(Number),
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it("filters orders by email and customers by phone", async () => {
    const customer = api.data.customers.find((c) => c.phone)!;
    const { body } = await run(
      `query ($e: String!, $p: String!) {
      orders(first: 50, query: $e) { nodes { email } }
      customers(first: 5, query: $p) { nodes { id } }
    }`,
      { e: `email:${customer.email}`, p: `phone:${customer.phone}` }
    );
    expect(body.data.orders.nodes.length).toBeGreaterThan(0);
    expect(
      body.data.orders.nodes.every(
        (o: { email: string }) => o.email === customer.email
      )
    ).toBe(true);
    expect(body.data.customers.nodes).toEqual([{ id: customer.id }]);
  });

  it("refuses a document with an unknown field with undefinedField and no data", async () => {
    const { status, body } = await run(
      `query { shop { name favouriteColour } }`
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: "Field 'favouriteColour' doesn't exist on type 'Shop'",
      locations: [{ line: 1, column: 21 }],
      extensions: {
        code: "undefinedField",
        typeName: "Shop",
        fieldName: "favouriteColour",
      },
    });
  });

  it("cancels an unfulfilled order and refunds it", async () => {
    const order = orderOf("paid_unfulfilled");
    const { body } = await run(CANCEL, { orderId: order.id });
    expect(body.data.orderCancel.orderCancelUserErrors).toEqual([]);
    const after = await run(
      `query ($id: ID!) { order(id: $id) { cancelledAt cancelReason displayFinancialStatus } }`,
      {
        id: order.id,
      }
    );
    expect(after.body.data.order).toMatchObject({
      cancelReason: "CUSTOMER",
      displayFinancialStatus: "REFUNDED",
    });
    expect(after.body.data.order.cancelledAt).toBeTruthy();

    const again = await run(CANCEL, { orderId: order.id });
    expect(again.body.data.orderCancel.orderCancelUserErrors[0]).toMatchObject({
      field: ["orderId"],
      code: "INVALID",
    });
  });

  it("refuses to cancel a fulfilled order with userErrors", async () => {
    const order = orderOf("delivered");
    const { body } = await run(CANCEL, { orderId: order.id });
    expect(body.data.orderCancel.job).toBeNull();
    expect(body.data.orderCancel.orderCancelUserErrors).toEqual([
      expect.objectContaining({ field: ["orderId"], code: "INVALID" }),
    ]);
    expect(
      api.data.orders.find((o) => o.id === order.id)!.cancelledAt
    ).toBeNull();
  });

  it("requests a return for a delivered item and refuses to return it twice", async () => {
    const order = orderOf("delivered");
    const rf = await run(
      `query ($id: ID!) {
      returnableFulfillments(orderId: $id, first: 5) {
        nodes { returnableFulfillmentLineItems(first: 10) { nodes { quantity fulfillmentLineItem { id } } } }
      }
    }`,
      { id: order.id }
    );
    const line =
      rf.body.data.returnableFulfillments.nodes[0]
        .returnableFulfillmentLineItems.nodes[0];
    const REQUEST = `mutation ($input: ReturnRequestInput!) {
      returnRequest(input: $input) { return { id status } userErrors { field message code } }
    }`;
    const input = {
      orderId: order.id,
      returnLineItems: [
        {
          fulfillmentLineItemId: line.fulfillmentLineItem.id,
          quantity: line.quantity,
          returnReason: "SIZE_TOO_SMALL",
        },
      ],
    };
    const first = await run(REQUEST, { input });
    expect(first.body.data.returnRequest).toMatchObject({
      return: { status: "REQUESTED" },
      userErrors: [],
    });
    const second = await run(REQUEST, { input });
    expect(second.body.data.returnRequest.return).toBeNull();
    expect(second.body.data.returnRequest.userErrors[0].code).toBe("INVALID");
  });

  it("throttles when the bucket is empty", async () => {
    api.bucket.set(0);
    const { status, body } = await run(`{ orders(first: 5) { nodes { id } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "Throttled",
        extensions: expect.objectContaining({ code: "THROTTLED" }),
      }),
    ]);
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(
      body.extensions.cost.requestedQueryCost
    );
  });

  it("answers 401 without a valid access token", async () => {
    for (const accessToken of [undefined, "shpat_wrong"]) {
      const res = await api.execute({
        query: "{ shop { name } }",
        accessToken,
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors:
          "[API] Invalid API key or access token (unrecognized login or wrong password)",
      });
    }
  });

  it("fails the next requests as injected, then recovers", async () => {
    api.injectFaults(502, 500);
    expect((await run("{ shop { name } }")).status).toBe(502);
    expect((await run("{ shop { name } }")).status).toBe(500);
    expect((await run("{ shop { name } }")).body.data.shop.name).toBe(
      "Northwind Outfitters"
    );
  });

  it("answers null for a field it does not model, and an error where the schema forbids null", async () => {
    const order = orderOf("delivered");
    const { body } = await run(
      `query ($id: ID!) { order(id: $id) { name app { id } agreements(first: 1) { nodes { id } } } }`,
      { id: order.id }
    );
    expect(body.data.order).toBeNull();
    expect(body.errors[0].path).toEqual(["order", "agreements"]);
  });

  it("runs a bulk query and serves its JSONL", async () => {
    const { body } = await run(`mutation {
      bulkOperationRunQuery(query: """{ orders { edges { node { id name } } } }""", groupObjects: false) {
        bulkOperation { id status url rootObjectCount } userErrors { message }
      }
    }`);
    const op = body.data.bulkOperationRunQuery.bulkOperation;
    expect(op).toMatchObject({
      status: "COMPLETED",
      rootObjectCount: String(api.data.orders.length),
    });
    const lines = api.bulkFile(op.url.split("/").pop())!.trim().split("\n");
    expect(JSON.parse(lines[0])).toEqual({
      id: api.data.orders[0].id,
      name: "#1001",
    });
  });
});
