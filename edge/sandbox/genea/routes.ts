/**
 * The Genea v2 routes the sandbox serves (paths mirror edge/genea/paths.ts; several are
 * inferred from Genea's v1/Mercury docs, see there). Every handler is a thin shell over
 * the operations in users.ts and cards.ts.
 */
import type { Context, Hono } from "hono";
import type { Result } from "../../../shared/result.ts";
import { activateCard, issueMobileKey, revokeCard } from "./cards.ts";
import { body, data, errorResponse, paged, paging, refusal, requireCustomer, requireKey } from "./http.ts";
import { CreateMobileCardSchema, CreateUserSchema, UpdateUserSchema, UserLocationListSchema, VerifyKeySchema } from "./requests.ts";
import type { GeneaStore } from "./store.ts";
import * as users from "./users.ts";
import { wireCard, wireUser, wireUserLocation } from "./wire.ts";

type Handler = (c: Context) => Response | Promise<Response>;

/** Render an operation's result, or its refusal. */
function reply<T>(c: Context, result: Result<T>, render: (value: T) => unknown, message: string, status: 200 | 201 = 200): Response {
  return result.ok ? data(c, render(result.value), message, status) : refusal(c, result);
}

export function genea(app: Hono, store: GeneaStore, pageSizeMax: number): void {
  const C = "/v2/customer/:customer";
  const list = <T>(rows: () => readonly T[], render: (row: T) => unknown): Handler => (c) => {
    const page = paging(c, pageSizeMax);
    return page.ok ? paged(c, rows(), page.value, render) : errorResponse(c, 422, "validation_error", page.error.message);
  };
  app.use("/v2/*", requireKey(store));
  app.use(`${C}/*`, requireCustomer(store));

  app.post("/v2/api_key/verify", async (c) => {
    const parsed = await body(c, VerifyKeySchema);
    if (parsed instanceof Response) return parsed;
    const header = c.req.header("Authorization")!.replace(/^Bearer\s+/i, "");
    if (parsed.ok && parsed.value.api_key !== undefined && parsed.value.api_key !== header) {
      return errorResponse(c, 401, "unauthorized", "api_key does not match the Authorization header");
    }
    return data(c, { customer_uuid: store.customer.uuid, customer_name: store.customer.name }, "API key is valid");
  });

  app.get(`${C}/location`, list(() => [...store.locations.values()], (l) => ({ ...l, customer_uuid: store.customer.uuid })));
  app.get(`${C}/access_group`, (c) => {
    const location = c.req.query("location_uuid");
    const rows = [...store.accessGroups.values()].filter((g) => !location || g.location_uuid === location);
    return list(() => rows, (g) => g)(c);
  });
  app.get(`${C}/role`, list(() => [...store.roles.values()], (r) => ({ ...r, is_custom: false })));

  app.get(`${C}/user`, (c) => {
    const email = c.req.query("user_email")?.toLowerCase();
    // Genea's text filters match substrings.
    const rows = email ? store.userList.filter((u) => u.email?.toLowerCase().includes(email)) : store.userList;
    return list(() => rows, (u) => wireUser(store, u))(c);
  });
  app.post(`${C}/user`, async (c) => {
    const input = await body(c, CreateUserSchema);
    if (input instanceof Response) return input;
    return reply(c, input.ok ? users.createUser(store, input.value) : input, (u) => wireUser(store, u), "User created", 201);
  });
  app.get(`${C}/user/:user`, (c) => {
    const user = store.users.get(c.req.param("user"));
    return user ? data(c, wireUser(store, user)) : errorResponse(c, 404, "not_found", `User ${c.req.param("user")} not found`);
  });
  app.put(`${C}/user/:user`, async (c) => {
    const input = await body(c, UpdateUserSchema);
    if (input instanceof Response) return input;
    return reply(
      c,
      input.ok ? users.updateUser(store, c.req.param("user"), input.value) : input,
      (u) => wireUser(store, u),
      "User updated",
    );
  });
  app.delete(`${C}/user/:user`, (c) => reply(c, users.deleteUser(store, c.req.param("user")), (u) => wireUser(store, u), "User deleted"));
  app.put(
    `${C}/user/:user/restore`,
    (c) => reply(c, users.restoreUser(store, c.req.param("user")), (u) => wireUser(store, u), "User restored"),
  );

  for (const [method, op] of [["post", users.addUserLocations], ["put", users.updateUserLocations]] as const) {
    app[method](`${C}/user/:user/user_location`, async (c) => {
      const input = await body(c, UserLocationListSchema);
      if (input instanceof Response) return input;
      const result = input.ok ? op(store, c.req.param("user"), input.value) : input;
      return reply(
        c,
        result,
        (rows) => rows.map((ul) => wireUserLocation(store, ul)),
        "User locations saved",
        method === "post" ? 201 : 200,
      );
    });
  }
  app.delete(
    "/v2/user_location/:uuid",
    (c) => reply(c, users.deleteUserLocation(store, c.req.param("uuid")), (ul) => ({ uuid: ul.uuid }), "User removed from location"),
  );

  app.get(`${C}/card`, (c) => {
    const owner = c.req.query("user_uuid");
    const rows = () => {
      const all = store.cardList(c.req.query("card_type") || undefined);
      return owner ? all.filter((r) => r.userUuid === owner) : all;
    };
    return list(rows, (r) => wireCard(r.card, r.userUuid))(c);
  });
  app.post(`${C}/card/mobile`, async (c) => {
    const input = await body(c, CreateMobileCardSchema);
    if (input instanceof Response) return input;
    return reply(
      c,
      input.ok ? issueMobileKey(store, input.value.user_uuid) : input,
      (r) => wireCard(r.card, r.userUuid),
      "Mobile key issued",
      201,
    );
  });
  app.delete("/v2/card/:uuid", (c) => {
    const owner = store.cardOwners.get(c.req.param("uuid")) ?? "";
    return reply(c, revokeCard(store, c.req.param("uuid")), (card) => wireCard(card, owner), "Card deleted");
  });
}

/** Sandbox-only helpers: the phone side of mobile keys. */
export function phone(app: Hono, store: GeneaStore): void {
  app.post("/sandbox/cards/:uuid/activate", (c) => {
    const owner = store.cardOwners.get(c.req.param("uuid")) ?? "";
    return reply(c, activateCard(store, c.req.param("uuid")), (card) => wireCard(card, owner), "Card activated");
  });
}
