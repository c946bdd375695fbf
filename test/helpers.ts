import { spawn, type ChildProcess } from "node:child_process";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract, type BundledName } from "../src/contract/bundled.js";
import { createEngine, type EngineOptions } from "../src/engine/engine.js";

/** One contract served at its own paths, as `mock-server --fixture <name>` does, without a port. */
export async function appFor(name: BundledName, options: EngineOptions = {}) {
  const engine = await createEngine(bundledContract(name), options);
  return { engine, app: createRequestListener([{ prefix: "", engine }]) };
}

/** The plaintext of a seeded key, by its id in the fixture. */
export function seededKey(name: BundledName, id: string): string {
  const key = bundledContract(name).keys.find((k) => k.id === id);
  if (!key) throw new Error(`no seeded key ${id} in ${name}`);
  return key.plaintext;
}

const running = new Set<() => Promise<unknown>>();

/** Stops every process spawnMockServer started that is still running, listening or not: an afterEach. */
export async function stopMockServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

export type MockServerProcess = {
  /** http://127.0.0.1:<port>, from the banner's "keymock listening on" line. */
  origin: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match in stdout, now or when it is written; rejects if the process exits first. */
  waitForOutput: (pattern: RegExp) => Promise<RegExpExecArray>;
  /** Sends the signal (SIGTERM by default) and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * `mock-server <args>` in a child process (the built bin), resolved once it is listening. A child that exits
 * first rejects at once with its exit code and stderr, instead of leaving the test to time out.
 * @example const server = await spawnMockServer(["--fixture", "moonkey", "--port", "0"]); await server.stop();
 */
export function spawnMockServer(args: string[]): Promise<MockServerProcess> {
  const child = spawn(process.execPath, ["bin/mock-server.js", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  // Decoded by the stream, so a character split across two chunks (the banner's × and …) stays whole.
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // "close", not "exit": by then stdout and stderr are complete, for the message below.
  const exit = new Promise<number | null>((resolve) => {
    child.once("close", (code) => resolve(code));
    child.once("error", (error) => {
      stderr += String(error);
      resolve(null);
    });
  });
  const exitedEarly = (what: string) =>
    exit.then((code) => Promise.reject(new Error(`mock-server ${args.join(" ")} exited ${code} before ${what}.\nstderr: ${stderr}\nstdout: ${stdout}`)));

  function waitForOutput(pattern: RegExp): Promise<RegExpExecArray> {
    const found = new Promise<RegExpExecArray>((resolve) => {
      const look = () => {
        const match = pattern.exec(stdout);
        if (!match) return false;
        child.stdout.off("data", look);
        resolve(match);
        return true;
      };
      if (!look()) child.stdout.on("data", look);
    });
    return Promise.race([found, exitedEarly(`writing ${pattern}`)]);
  }

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exit;
  };
  running.add(stop);
  void exit.then(() => running.delete(stop));
  return waitForOutput(/keymock listening on (http:\/\/\S+)\n/).then((match) => ({
    origin: match[1] as string,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput,
    stop,
  }));
}

/** Runs the CLI to its end: its exit code and everything it printed (read on "close", so nothing is cut). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/mock-server.js", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
