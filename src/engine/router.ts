import type { Route } from "../contract/schema.js";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  segments: string[];
}

/**
 * An index of a contract's routes built once: exact paths in a Map, parameterised ones grouped by method and
 * segment count, so a request never walks the whole route list.
 */
export class Router {
  private readonly exact = new Map<string, Route>();
  private readonly dynamic = new Map<string, Compiled[]>();

  constructor(routes: Route[]) {
    for (const route of routes) {
      const segments = split(route.path);
      if (segments.some((s) => s.startsWith(":"))) {
        const bucket = `${route.method} ${segments.length}`;
        const list = this.dynamic.get(bucket) ?? [];
        list.push({ route, segments });
        this.dynamic.set(bucket, list);
      } else this.exact.set(`${route.method} /${segments.join("/")}`, route);
    }
  }

  match(method: string, path: string): RouteMatch | undefined {
    const segments = split(path);
    const exact = this.exact.get(`${method} /${segments.join("/")}`);
    if (exact) return { route: exact, params: {} };
    for (const candidate of this.dynamic.get(`${method} ${segments.length}`) ?? []) {
      const params = matchSegments(candidate.segments, segments);
      if (params) return { route: candidate.route, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = actual[i] as string;
    if (want.startsWith(":")) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) return undefined;
  }
  return params;
}
