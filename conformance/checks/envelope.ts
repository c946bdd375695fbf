import type { Contract } from "../../src/contract/schema.js";
import type { Check } from "../check.js";
import { CheckSkip } from "../verdict.js";
import { probe } from "./auth.js";
import type { RouteMap } from "../routes.js";

/** How errors travel: the media type; their bodies are compared by every refusal check. */
export function envelopeChecks(contract: Contract, map: RouteMap): Check[] {
  const p = probe(contract, map);
  const want = contract.errors.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return [
    {
      id: "envelope.content-type",
      title: `an error is sent as ${want}`,
      needs: [],
      routes: [p.route],
      async run(context, v) {
        const reply = await p.call(context, undefined);
        const got = reply.header("content-type")?.split(";")[0]?.trim().toLowerCase();
        v.fact(["errors", "contentType"], "content type", got === want, want, got ?? "(absent)");
      },
    },
  ];
}

/** HTTPS-only contracts: plain HTTP is refused, where the target lets that be observed. */
export function transportChecks(contract: Contract, map: RouteMap): Check[] {
  if (!contract.httpsOnly) return [];
  const p = probe(contract, map);
  return [
    {
      id: "transport.https-only",
      title: "a request known to come over plain HTTP is refused",
      needs: ["valid"],
      routes: [p.route],
      async run(context, v) {
        const fact = [["httpsOnly"]];
        if (context.target === "mock") {
          // The mock learns the scheme from a proxy's header, as it would behind TLS termination.
          const located = context.locate(p.route, p.id);
          const reply = await context.transport.send(located?.method ?? p.route.method, located?.path ?? p.route.path, {
            key: context.keys["valid"],
            headers: { "X-Forwarded-Proto": "http" },
            json: p.json,
          });
          v.requireAll(fact, "plain HTTP refused", reply.status >= 400 && reply.status < 500, "a 4xx", reply.status);
          v.fact(["errors", "cases", "insecure_transport", "status"], "status for insecure_transport", reply.status === contract.errors.cases.insecure_transport.status, contract.errors.cases.insecure_transport.status, reply.status);
          return;
        }
        const base = context.transport.baseUrl;
        if (!base?.startsWith("https://")) {
          throw new CheckSkip("the target is reached over plain http:// here, so refusing plain HTTP cannot be observed: point --base-url at the https:// deployment");
        }
        const located = context.locate(p.route, p.id);
        const response = await fetch(`${base.replace(/^https:/, "http:")}${located?.path ?? p.route.path}`, { redirect: "manual" }).catch(() => undefined);
        v.requireAll(fact, "plain HTTP answered with data", !response || response.status < 200 || response.status >= 300, "no 2xx over http:// (a refusal, a redirect or no answer)", response?.status);
      },
    },
  ];
}
