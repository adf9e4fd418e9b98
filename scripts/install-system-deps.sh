#!/usr/bin/env bash
# Installs the Debian packages that tests and oracles need: python3 numerics for golden fixtures and
# Chromium for figure rendering (PNG/SVG) and browser tests, Jupyter for executing the tslab notebooks,
# and the QuickFIX C++ engine (libquickfix-dev) that the live package's FIX session test compiles an acceptor against.
# nats-server for the ingestion pipeline's JetStream sink test; g++ and make for native npm builds (talib, tulind);
# gcc for @quantkit/data's native bulk reader (packages/data/native).
# Only installs what is missing; safe to run repeatedly. Needs root (CI and dev machines here run as root).
set -euo pipefail
need=()
for pkg in python3-numpy python3-pandas python3-scipy python3-statsmodels chromium \
  jupyter-notebook jupyter-nbconvert python3-ipykernel jupyter-client libquickfix-dev nats-server gcc g++ make; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
