# Sourced by run-demo and run-tests: a virtualenv in .venv with the project and its test tools.
# Re-runs are quick: pip only installs when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"

# The field app: npm packages (Workbox, esbuild, lit-html, idb, axe-core) and the build
# into pwa/dist, redone when the lock file or the app's sources change.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: Node.js and npm are needed to build the field app (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
lock_stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "$lock_stamp" ]; then
  # npm ci: exactly the committed lock, which lists every platform's optional binaries
  # (rollup's, esbuild's), so it installs on any machine and never rewrites the lock.
  # After changing package.json, regenerate the lock with `npm install` and commit it whole.
  npm ci --no-audit --no-fund --loglevel=error
  touch "$lock_stamp"
fi
pwa_hash=$(find pwa -path pwa/dist -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ ! -f "pwa/dist/.built-$pwa_hash" ]; then
  npm run --silent build
  touch "pwa/dist/.built-$pwa_hash"
fi
