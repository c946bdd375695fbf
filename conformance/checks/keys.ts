import type { Contract } from "../../src/contract/schema.js";
import { routeName, type Check, type CheckContext } from "../check.js";
import { expectAllowed, expectRefusal, expectSuccess } from "../expect.js";
import { issueKeyRoute } from "../roles.js";
import type { RouteMap } from "../routes.js";
import { sampleBody } from "../sample-body.js";
import { probe } from "./auth.js";

/** A contract's own key-issuing route: the plaintext once, the documented prefixes, the wildcard rule. */
export function keyChecks(contract: Contract, map: RouteMap): Check[] {
  const issue = issueKeyRoute(contract);
  if (!issue) return [];
  const { route } = issue;
  const index = contract.routes.indexOf(route);
  const name = routeName(route);
  // Where the plaintext is in the 201 body: the response template's field that carries {{plaintext}}.
  const plaintextField = Object.entries(issue.response as Record<string, unknown>).find(([, v]) => v === "{{plaintext}}")?.[0];
  const body = (extra: Record<string, unknown> = {}) => ({ ...sampleBody(contract, route), ...extra });
  const create = (context: CheckContext, key: string | undefined, extra?: Record<string, unknown>) => context.call(route, { key, json: body(extra) });
  const plaintextOf = (json: unknown) => (plaintextField && json && typeof json === "object" ? (json as Record<string, unknown>)[plaintextField] : undefined);
  const reads = contract.routes.filter((r) => r.method === "GET" && (r.path === route.path || r.path === `${route.path}/:id`));
  const p = probe(contract, map);
  const checks: Check[] = [
    {
      id: "keys.issue-once",
      title: `${name} answers ${route.status ?? 201} with the plaintext${reads.length > 0 ? "; later reads never show it" : ""}`,
      needs: ["valid"],
      routes: [route, ...reads],
      destructive: true,
      async run(context, v) {
        const created = await create(context, context.keys["valid"]);
        expectSuccess(contract, v, route, created);
        const plaintext = plaintextOf(created.body);
        if (!v.fact(["routes", index, "action", "response"], `${plaintextField ?? "plaintext"} in the create response`, typeof plaintext === "string" && plaintext.length > 8, "the new key", plaintext)) return;
        const id = (created.body as Record<string, unknown>)["id"];
        for (const read of reads) {
          const reply = await context.call(read, { key: context.keys["valid"], id: typeof id === "string" ? id : "keymock-conformance" });
          v.require(`${routeName(read)} shows the plaintext again`, !reply.text.includes(plaintext as string), "no plaintext", reply.text);
        }
      },
    },
    {
      id: "keys.prefix",
      title: `a key from ${name} starts with its kind's prefix, for each ${issue.kind.field} and by default (${issue.kind.default})`,
      needs: ["valid"],
      routes: [route],
      destructive: true,
      async run(context, v) {
        for (const value of [undefined, ...Object.keys(issue.kind.map)]) {
          const kindIndex = contract.keyKinds.findIndex((k) => k.id === issue.kind.map[value ?? issue.kind.default]);
          const prefix = contract.keyKinds[kindIndex]?.prefix ?? "";
          const created = await create(context, context.keys["valid"], value === undefined ? {} : { [issue.kind.field]: value });
          const plaintext = plaintextOf(created.body);
          const what = value === undefined ? `no ${issue.kind.field} (default ${issue.kind.default})` : `${issue.kind.field}=${value}`;
          const facts = [["routes", index, "action", "kind"], ["keyKinds", kindIndex, "prefix"]];
          v.requireAll(facts, what, typeof plaintext === "string" && plaintext.startsWith(prefix), `${prefix}…`, typeof plaintext === "string" ? `${plaintext.slice(0, prefix.length + 2)}…` : created.status);
        }
      },
    },
    {
      id: "keys.works-at-once",
      title: `a key issued by ${name} is let through at once on ${p.name}`,
      needs: ["valid"],
      routes: [route, p.route],
      destructive: true,
      async run(context, v) {
        const plaintext = plaintextOf((await create(context, context.keys["valid"])).body);
        if (!v.fact(["routes", index, "action", "response"], "a key was issued", typeof plaintext === "string", "the new key", plaintext)) return;
        expectAllowed(v, await p.call(context, plaintext as string), [["routes", index]], "the new key");
      },
    },
  ];
  const { wildcard } = contract.permissions;
  if (issue.wildcardRequiresRole && wildcard) {
    const scopesField = issue.fields.scopes;
    checks.push({
      id: "keys.wildcard-owner-only",
      title: `only the org ${issue.wildcardRequiresRole} may issue ${wildcard} keys`,
      needs: ["member"],
      routes: [route],
      run: async (context, v) =>
        expectRefusal(contract, v, "forbidden_grant", await create(context, context.keys["member"], { [scopesField]: [wildcard] }), {
          vars: { scopes: wildcard, role: issue.wildcardRequiresRole },
          basis: [["routes", index, "action", "wildcardRequiresRole"]],
        }),
    });
  }
  return checks;
}
