#!/usr/bin/env bash
# The package as a user gets it: pack, install the tarball into a scratch project (registry packages only), run the
# README's library examples there, type-check every entry in three module resolutions with skipLibCheck: false,
# bundle the root entry for a browser, and lint the tarball (publint, arethetypeswrong). Called by .ci/run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
checks="$repo/scripts/package-check"
work="$(mktemp -d "${TMPDIR:-/tmp}/keymock-package-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }
# The scratch project gets the versions this repository's lockfile installed, so a run is reproducible.
version() { node -p "require('$repo/node_modules/$1/package.json').version"; }

step "npm pack"
cd "$repo"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
tar -tzf "$tarball" | sort > "$work/files.txt"
if grep -E '\.map$|tsbuildinfo|^package/dist/src/cli/|^package/src/|\.test\.' "$work/files.txt"; then
  echo "the tarball carries files that do not run (above)" >&2; exit 1
fi
for wanted in package/LICENSE package/dist/src/index.js package/dist/src/contract/bundled-contracts.js package/dist/cli/mock-server.js; do
  grep -qx "$wanted" "$work/files.txt" || { echo "the tarball lacks $wanted" >&2; exit 1; }
done
if tar -xzOf "$tarball" package/package.json | grep -q '"prepare"'; then
  echo "the packed package.json has a prepare script: every consumer's install would warn about it" >&2; exit 1
fi
echo "$(wc -l < "$work/files.txt") files, $(du -k "$tarball" | cut -f1) kB packed"

step "publint, arethetypeswrong (esm-only)"
npx --no-install publint run --strict "$tarball"
npx --no-install attw "$tarball" --profile esm-only --quiet && echo "arethetypeswrong: no problems (esm-only)"

step "a scratch project installs the tarball"
app="$work/app"
mkdir -p "$app/readme"
cd "$app"
printf '{ "name": "keymock-package-check", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  "msw@$(version msw)" "express@$(version express)" "supertest@$(version supertest)" "vitest@$(version vitest)" \
  "typescript@$(version typescript)" "esbuild@$(version esbuild)" "@types/node@$(version @types/node)" \
  "@types/express@$(version @types/express)" "@types/supertest@$(version @types/supertest)" 2>&1 | tee "$work/install.log"
if grep -i 'keymock' "$work/install.log" | grep -iq 'warn'; then
  echo "installing the tarball printed a warning about keymock (above)" >&2; exit 1
fi
node "$checks/imports-declared.js" node_modules/keymock
cp "$checks"/entries.ts "$checks"/browser-entry.ts "$checks"/tsconfig.*.json .
node "$checks/readme-blocks.js" "$repo/README.md" readme

step "the installed CLI"
npx --no-install mock-server --version
npx --no-install mock-server --help > /dev/null

step "the README's library examples, in vitest, with the installed mock-server as their STAGING_URL"
node_modules/.bin/mock-server --fixture moonkey --port 0 > server.log 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" server.log && break; sleep 0.1; done
STAGING_URL="$(sed -n 's/^keymock listening on \(http[^ ]*\).*/\1/p' server.log)"
[ -n "$STAGING_URL" ] || { cat server.log >&2; echo "the installed mock-server did not start" >&2; exit 1; }
# MoonKey's documented test key: the README's conformance example reads it as process.env.KEY.
STAGING_URL="$STAGING_URL" KEY=sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r npx --no-install vitest run --root . --dir readme
kill "$server"

step "every entry type-checks with skipLibCheck: false (bundler, node16, nodenext; the root without @types/node)"
for resolution in bundler node16 nodenext browser; do
  echo "tsc -p tsconfig.$resolution.json"
  npx --no-install tsc -p "tsconfig.$resolution.json"
done

step "the root entry bundles for a browser, without zod, express or msw, and runs"
npx --no-install esbuild browser-entry.ts --bundle --platform=browser --format=esm --metafile=meta.json --outfile=browser.js --log-level=warning
if node -e 'const m = require("./meta.json"); const bad = Object.keys(m.inputs).filter((f) => /node_modules\/(zod|express|msw)\//.test(f)); if (bad.length) { console.error(bad.slice(0, 5).join("\n")); process.exit(1); }'; then
  echo "$(du -k browser.js | cut -f1) kB, no zod, express or msw"
else
  echo "the browser bundle of the root entry pulled in the modules above" >&2; exit 1
fi
node browser.js

step "package check passed"
