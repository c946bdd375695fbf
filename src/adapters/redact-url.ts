const secretWords = new Set(["key", "apikey", "token", "secret", "auth", "authorization", "password", "passwd", "sig", "signature", "credential", "credentials", "jwt"]);

/** api_key, apiKey, X-Api-Key, access_token, client_secret, …: the name's last word says it carries a secret. */
function namesASecret(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return secretWords.has(words.at(-1) ?? "");
}
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * A request URL as it may be logged: every query value that is or may be a key cut to its prefix and last 4, as a
 * key in a header is. A value counts as a key when its parameter's name says so (api_key, token, …), when it starts
 * with a prefix of a served contract's keys, or when it is JWT-shaped.
 * @example redactUrl("/v1/users?api_key=sk_test_abcdefgh1234", ["sk_test_"]) // "/v1/users?api_key=sk_test_…1234"
 */
export function redactUrl(url: string, prefixes: readonly string[]): string {
  const query = url.indexOf("?");
  if (query === -1) return url;
  const pairs = url.slice(query + 1).split("&").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq === -1) return pair;
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const value = safeDecode(raw);
    const prefix = prefixes.find((p) => p !== "" && value.startsWith(p));
    if (prefix === undefined && !namesASecret(safeDecode(name)) && !jwtShape.test(value)) return pair;
    return `${name}=${hint(value, prefix ?? "")}`;
  });
  return `${url.slice(0, query)}?${pairs.join("&")}`;
}

function hint(value: string, prefix: string): string {
  const rest = value.slice(prefix.length);
  return `${prefix}…${rest.length > 8 ? rest.slice(-4) : ""}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
