import { AdminError, call, setToken, takeTokenFromAddress } from "./api.js";
import { byId, el } from "./dom.js";
import { follow } from "./live-log.js";
import { contractRows, keyRow, showTime, updateKeyRow, type ContractView, type KeyActions, type KeyView, type WindowView } from "./views.js";

let refreshing: Promise<void> | undefined;
let again = false;

function problem(error: unknown): void {
  const box = byId("problem");
  if (error instanceof AdminError && error.code === "admin_token_required") {
    byId("token-form").hidden = false;
    byId<HTMLInputElement>("token").focus();
  }
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

/** Runs an admin action, then shows the state it left; a refusal is shown, not thrown. */
async function act(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
    byId("problem").hidden = true;
  } catch (error) {
    problem(error);
  }
  await refresh();
}

/** Keys, windows and the clock; calls that arrive while one runs fold into one more run after it. */
function refresh(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = load().finally(() => {
    refreshing = undefined;
    if (again) {
      again = false;
      void refresh();
    }
  });
  return refreshing;
}

async function load(): Promise<void> {
  const [keys, windows, clock] = await Promise.all([call<KeyView[]>("GET", "keys"), call<WindowView[]>("GET", "windows"), call<{ now: string }>("GET", "clock")]);
  const time = byId("clock");
  time.textContent = showTime(clock.now);
  time.setAttribute("datetime", clock.now);
  const byKey = new Map(windows.map((w) => [w.id, w]));
  const body = byId<HTMLTableSectionElement>("keys");
  const ids = new Set(keys.map((k) => k.id));
  for (const row of [...body.rows]) if (!ids.has(row.dataset["keyId"] ?? "")) row.remove();
  // Keys keep their order (new ones come last), so existing rows are updated where they stand, never moved.
  const rows = new Map([...body.rows].map((row) => [row.dataset["keyId"], row]));
  for (const key of keys) {
    const row = rows.get(key.id);
    if (row) updateKeyRow(row, key, byKey.get(key.id));
    else body.append(keyRow(key, byKey.get(key.id), keyActions));
  }
}

function showNewKey(title: string, plaintext: string): void {
  byId("new-key-title").textContent = title;
  byId("new-key-value").textContent = plaintext;
  byId("copied").textContent = "";
  byId("new-key").hidden = false;
  byId("copy-key").focus();
}

/** The plaintext leaves the page: it was in one response, and is in no state the page keeps. */
function forgetNewKey(): void {
  byId("new-key-value").textContent = "";
  byId("new-key").hidden = true;
}

const keyActions: KeyActions = {
  revoke: (id) => void act(() => call("POST", `keys/${encodeURIComponent(id)}/revoke`)),
  rotate: (id, graceSeconds) =>
    void act(async () => {
      const key = await call<{ id: string; plaintext: string }>("POST", `keys/${encodeURIComponent(id)}/rotate`, { graceSeconds });
      showNewKey(`${key.id}, replacing ${id}`, key.plaintext);
    }),
  limit: (id, limit, windowSeconds) => void act(() => call("POST", `keys/${encodeURIComponent(id)}/rate-limit`, { limit, windowSeconds })),
  clearLimit: (id) => void act(() => call("DELETE", `keys/${encodeURIComponent(id)}/rate-limit`)),
};

function fillIssueForm(contract: ContractView): void {
  byId("issue-kind").replaceChildren(...contract.keyKinds.map((k) => el("option", { value: k.id }, `${k.id} (${k.prefix}…)`)));
  if (contract.roles.length > 0) {
    byId("issue-role").append(...contract.roles.map((r) => el("option", { value: r }, r)));
    byId("issue-role-label").hidden = false;
  }
}

function wireForms(): void {
  const issue = byId<HTMLFormElement>("issue");
  issue.addEventListener("submit", (event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { kind: byId<HTMLSelectElement>("issue-kind").value };
    const role = byId<HTMLSelectElement>("issue-role").value;
    const scopes = byId<HTMLInputElement>("issue-scopes").value.split(/[\s,]+/).filter(Boolean);
    const label = byId<HTMLInputElement>("issue-label").value;
    if (role) body["role"] = role;
    if (scopes.length > 0) body["scopes"] = scopes;
    if (label) body["label"] = label;
    void act(async () => {
      const key = await call<{ id: string; plaintext: string }>("POST", "keys", body);
      showNewKey(key.id, key.plaintext);
    });
  });
  byId("copy-key").addEventListener("click", () => {
    const text = byId("new-key-value").textContent ?? "";
    const done = (message: string) => (byId("copied").textContent = message);
    // The clipboard needs a secure context: loopback is one; a plain-HTTP host beyond it is not.
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(() => done("Copied."), () => done("Copy failed: select the key and copy it."));
    else done("No clipboard here: select the key and copy it.");
  });
  byId("dismiss-key").addEventListener("click", forgetNewKey);
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-advance]")) {
    button.addEventListener("click", () => void act(() => call("POST", "clock", { advance: button.dataset["advance"] })));
  }
  const setClock = byId<HTMLFormElement>("set-clock");
  setClock.addEventListener("submit", (event) => {
    event.preventDefault();
    void act(() => call("POST", "clock", { set: byId<HTMLInputElement>("clock-value").value.trim() }));
  });
  byId("reset").addEventListener("click", () => {
    forgetNewKey();
    void act(() => call("POST", "reset"));
  });
  const tokenForm = byId<HTMLFormElement>("token-form");
  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(byId<HTMLInputElement>("token").value);
    tokenForm.hidden = true;
    byId("problem").hidden = true;
    void start();
  });
}

async function start(): Promise<void> {
  try {
    const contract = await call<ContractView>("GET", "contract");
    document.title = `keymock: ${contract.title}`;
    byId("contract-title").textContent = `· ${contract.title}`;
    byId("contract").replaceChildren(...contractRows(contract));
    fillIssueForm(contract);
    await refresh();
    document.body.dataset["ready"] = "true";
    void follow(() => void refresh(), problem);
  } catch (error) {
    problem(error);
  }
}

takeTokenFromAddress();
wireForms();
void start();
