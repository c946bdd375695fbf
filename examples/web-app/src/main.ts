// A web app that calls the real MoonKey base URL. With ?mock=msw, keymock's MSW handlers answer in a service worker;
// with ?api=http://127.0.0.1:4010 it calls a standalone `mock-server` on another origin instead. No other code changes.
// ?mock=msw&persist=1 keeps the records the page creates in localStorage, so they survive a reload.
const params = new URLSearchParams(location.search);
const api = params.get("api") ?? "https://api.moonkey.fun";
const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";
const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function startMocks(): Promise<string> {
  if (params.get("mock") !== "msw") return "standalone server";
  const [{ setupWorker }, { handlersFor }] = await Promise.all([import("msw/browser"), import("keymock/msw")]);
  const worker = setupWorker(...handlersFor("moonkey", { persist: params.get("persist") === "1" }));
  await worker.start({ onUnhandledRequest: "bypass", quiet: true });
  return "MSW service worker";
}

const call = (authorization: string) => fetch(`${api}/v1/auth/users/user_123`, { headers: { Authorization: authorization } });

function showLimits(response: Response) {
  $("remaining").textContent = response.headers.get("X-RateLimit-Remaining") ?? "(not readable)";
  $("limit").textContent = response.headers.get("X-RateLimit-Limit") ?? "(not readable)";
}

$("load-user").addEventListener("click", async () => {
  const response = await call(`Bearer ${key}`);
  showLimits(response);
  $("user").textContent = JSON.stringify(await response.json());
});

$("bad-key").addEventListener("click", async () => {
  const response = await call("Bearer sk_test_this-is-not-a-key");
  $("error").textContent = `${response.status} ${JSON.stringify(await response.json())}`;
});

$("count-down").addEventListener("click", async () => {
  for (;;) {
    const response = await call(`Bearer ${key}`);
    showLimits(response);
    if (response.status === 429) {
      $("limited").textContent = `429 Retry-After=${response.headers.get("Retry-After")} ${JSON.stringify(await response.json())}`;
      return;
    }
  }
});

$("create-user").addEventListener("click", async () => {
  const response = await fetch(`${api}/v1/auth/users`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ email: "created@example.com" }),
  });
  $("created").textContent = `${response.status} ${((await response.json()) as { id?: string }).id ?? ""}`;
});

$("list-users").addEventListener("click", async () => {
  const response = await fetch(`${api}/v1/auth/users`, { headers: { Authorization: `Bearer ${key}` } });
  const { data } = (await response.json()) as { data: { id: string }[] };
  $("users").textContent = data.map((user) => user.id).join(" ");
});

$("api").textContent = api;
$("mode").textContent = await startMocks();
document.body.dataset["ready"] = "true";
