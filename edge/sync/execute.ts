/**
 * Applying a plan to Genea: each operation kind has exactly one executor (a typed table, so a
 * new kind cannot be forgotten), each makes exactly one Genea call, and each answers one
 * outcome. Answers that mean "already so" (a 404 on a removal, a 409 on a deactivation) count
 * as applied, so a retried or resumed run converges instead of failing; a create that finds
 * the email taken adopts that user when doorsync may manage it.
 *
 * Order: security first — everything for users whose Okta status or absence revokes them,
 * then every other removal, then grants and creates — with a bounded number of users in
 * flight and each user's operations in plan order. One failure never stops the others; it is
 * planned again by the next run. A user whose create or reactivation failed gets nothing else.
 */
import type { GeneaResult } from "../genea/transport.ts";
import type { GeneaClient } from "../genea/index.ts";
import type { Operation, OperationKind, OperationOf } from "../../shared/plan/index.ts";
import type { Outcome } from "./audit.ts";

export interface ExecContext {
  genea: GeneaClient;
  /** Genea uuids of users this run created or adopted, by Okta id */
  created: Map<string, string>;
  /** the Okta id the ledger links a Genea user to, if any (a create never adopts someone else's user) */
  ownerOf(geneaUuid: string): Promise<string | undefined>;
}

type Executor<K extends OperationKind> = (op: OperationOf<K>, uuid: string, ctx: ExecContext) => Promise<Outcome>;

/** Failures after which Genea may or may not have acted. */
const AMBIGUOUS: ReadonlySet<string> = new Set(["server-error", "unreachable", "not-json", "invalid-response"]);
const KEY_ATTEMPTS = 3;

const attemptsOf = (r: GeneaResult<unknown>) => (r.ok ? 1 : typeof r.error.attempts === "number" ? r.error.attempts : 1);
const failed = (r: GeneaResult<unknown> & { ok: false }): Outcome => ({
  result: "failed",
  attempts: attemptsOf(r),
  error: r.error.message,
});
const done = (r: GeneaResult<unknown>): Outcome => (r.ok ? { result: "applied", attempts: 1, error: null } : failed(r));
/** A refusal that means the change is already in place. */
const alreadySo = (r: GeneaResult<unknown>, code: "not-found" | "conflict"): Outcome =>
  !r.ok && r.error.code === code ? { result: "applied", attempts: attemptsOf(r), error: null } : done(r);

async function adopt(op: OperationOf<"createUser">, conflict: GeneaResult<unknown> & { ok: false }, ctx: ExecContext): Promise<Outcome> {
  const email = op.profile.email;
  const found = email ? await ctx.genea.readUser({ email }) : null;
  const g = found?.ok ? found.value : null;
  const owner = g ? await ctx.ownerOf(g.uuid) : undefined;
  if (!g || g.status !== "ACTIVE" || g.isGlobalAdmin || !g.allowDirectorySync || (owner !== undefined && owner !== op.user.oktaId)) {
    const why = g
      ? "a Genea user doorsync does not manage already has this email"
      : "Genea says the email is taken but no user with it could be read";
    return { result: "failed", attempts: attemptsOf(conflict), error: `${conflict.error.message} (${why})` };
  }
  ctx.created.set(op.user.oktaId, g.uuid);
  return { result: "adopted", attempts: attemptsOf(conflict), error: null, geneaUuid: g.uuid };
}

export const EXECUTORS: { [K in OperationKind]: Executor<K> } = {
  async createUser(op, _uuid, ctx) {
    const res = await ctx.genea.createUser({ ...op.profile, allowDirectorySync: true, locations: op.locations });
    if (res.ok) {
      ctx.created.set(op.user.oktaId, res.value.uuid);
      return { result: "applied", attempts: 1, error: null, geneaUuid: res.value.uuid, createdUser: res.value };
    }
    return res.error.code === "conflict" ? adopt(op, res, ctx) : failed(res);
  },
  reactivateUser: async (_op, uuid, ctx) => alreadySo(await ctx.genea.reactivateUser(uuid), "conflict"),
  updateProfile: async (op, uuid, ctx) =>
    done(await ctx.genea.updateProfile(uuid, Object.fromEntries(op.changes.map((c) => [c.field, c.to])))),
  async addLocation(op, uuid, ctx) {
    const res = await ctx.genea.addUserLocations(uuid, [{
      locationUuid: op.locationUuid,
      roleUuid: op.roleUuid,
      accessGroupUuids: op.accessGroupUuids,
    }]);
    if (res.ok) {
      return {
        result: "applied",
        attempts: 1,
        error: null,
        userLocation: res.value.find((l) => l.locationUuid === op.locationUuid),
      };
    }
    // A row there already (our earlier try succeeded unseen): the next run aligns it.
    return res.error.code === "conflict" ? { result: "adopted", attempts: attemptsOf(res), error: null } : failed(res);
  },
  updateLocation: async (op, uuid, ctx) =>
    done(
      await ctx.genea.updateUserLocation(uuid, {
        locationUuid: op.locationUuid,
        roleUuid: op.to.roleUuid,
        accessGroupUuids: op.to.accessGroupUuids,
      }),
    ),
  removeLocation: async (op, _uuid, ctx) => alreadySo(await ctx.genea.removeUserLocation(op.userLocationUuid), "not-found"),
  async issueMobileKey(_op, uuid, ctx) {
    // Genea cannot deduplicate a key create, so the client never retries one after a 5xx or a
    // lost answer. Here the user's keys are read instead: a live key means the create went
    // through (adopt it); none means it did not, and it is safe to try again.
    let attempts = 0;
    for (;;) {
      const res = await ctx.genea.issueMobileKey(uuid);
      attempts += attemptsOf(res);
      if (res.ok) return { result: "applied", attempts, error: null, mobileKeyUuid: res.value.uuid };
      if (!AMBIGUOUS.has(res.error.code) || attempts >= KEY_ATTEMPTS) return { ...failed(res), attempts };
      const now = await ctx.genea.readUser({ uuid });
      const live = now.ok ? now.value?.mobileKeys.find((k) => k.status === "ACTIVE" || k.status === "PENDING_DOWNLOAD") : undefined;
      if (live) return { result: "adopted", attempts, error: null, mobileKeyUuid: live.uuid };
      if (!now.ok) return { ...failed(res), attempts };
    }
  },
  revokeMobileKey: async (op, _uuid, ctx) => alreadySo(await ctx.genea.revokeMobileKey(op.mobileKeyUuid), "not-found"),
  setWallet: async (op, uuid, ctx) => done(await ctx.genea.setWallet(uuid, op.enabled)),
  deactivateUser: async (_op, uuid, ctx) => alreadySo(await ctx.genea.deactivateUser(uuid), "conflict"),
};

export async function execute(op: Operation, ctx: ExecContext): Promise<Outcome> {
  const uuid = op.user.geneaUuid ?? ctx.created.get(op.user.oktaId) ?? null;
  if (op.kind !== "createUser" && uuid === null) {
    return { result: "skipped", attempts: 0, error: "the user does not exist in Genea yet (their creation did not succeed)" };
  }
  // The table is keyed by kind, so this pairing is exact; TypeScript cannot follow it through the union.
  const run = EXECUTORS[op.kind] as Executor<typeof op.kind>;
  return run(op as never, uuid ?? "", ctx);
}

/** Operations that take access away (what "security first" moves forward). */
function isRemoval(op: Operation): boolean {
  switch (op.kind) {
    case "removeLocation":
    case "revokeMobileKey":
    case "deactivateUser":
      return true;
    case "setWallet":
      return !op.enabled;
    case "updateLocation":
      return op.from.accessGroupUuids.some((g) => !op.to.accessGroupUuids.includes(g));
    default:
      return false;
  }
}

/** One user's operations within one stage, in plan order; `index` is the position in the plan. */
export interface UserTask {
  oktaId: string;
  ops: { op: Operation; index: number }[];
  /** no later stage works on this Okta user or on a Genea user of this task */
  last: boolean;
}

/**
 * The plan as three stages of per-user tasks: revoked users (status or absence), other
 * removals, everything else.
 */
export function stages(operations: readonly Operation[]): UserTask[][] {
  const out: Map<string, UserTask>[] = [new Map(), new Map(), new Map()];
  operations.forEach((op, index) => {
    const revoked = op.reason.kind === "status" || op.reason.kind === "absent";
    const stage = revoked ? 0 : isRemoval(op) ? 1 : 2;
    const tasks = out[stage];
    const task = tasks.get(op.user.oktaId) ?? { oktaId: op.user.oktaId, ops: [], last: true };
    task.ops.push({ op, index });
    tasks.set(op.user.oktaId, task);
  });
  const staged = out.map((m) => [...m.values()]);
  // From the last stage back: Okta ids and Genea uuids in one set (an id taken for a uuid only keeps a task from being last).
  const later = new Set<string>();
  for (let s = staged.length - 1; s >= 0; s--) {
    for (const task of staged[s]) {
      task.last = !later.has(task.oktaId) && task.ops.every(({ op }) => op.user.geneaUuid === null || !later.has(op.user.geneaUuid));
    }
    if (s === 0) break;
    for (const task of staged[s]) {
      later.add(task.oktaId);
      for (const { op } of task.ops) if (op.user.geneaUuid !== null) later.add(op.user.geneaUuid);
    }
  }
  return staged;
}

const BLOCKING: ReadonlySet<OperationKind> = new Set(["createUser", "reactivateUser"]);

/** Runs one user's operations in order; a failed create or reactivation skips the rest. */
export async function runTask(
  task: UserTask,
  ctx: ExecContext,
  onDone: (index: number, op: Operation, outcome: Outcome) => void,
): Promise<void> {
  let blocked: string | null = null;
  for (const { op, index } of task.ops) {
    const outcome: Outcome = blocked ? { result: "skipped", attempts: 0, error: blocked } : await execute(op, ctx).catch((e): Outcome => ({
      result: "failed",
      attempts: 1,
      error: `internal error: ${e instanceof Error ? e.name : "error"}`,
    }));
    if (BLOCKING.has(op.kind) && outcome.result === "failed") blocked = `skipped because ${op.kind} failed`;
    if (op.kind === "createUser" && outcome.result === "adopted") {
      blocked = "skipped: an existing Genea user was adopted; the next run plans the rest";
    }
    onDone(index, op, outcome);
  }
}

/** Runs tasks with at most `width` in flight. */
export async function runPool(tasks: readonly UserTask[], width: number, run: (task: UserTask) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await run(tasks[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, tasks.length)) }, worker));
}
