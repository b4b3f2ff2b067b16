#!/usr/bin/env bash
# System tools the full test suite uses, from Debian's packages (run once on a fresh machine, as root or
# with sudo). The main job (`npm ci && npm start`) needs none of them.
#   libquickfix-dev, libquickfix-doc, g++ : QuickFIX as a real FIX peer (interop tests; its example executor)
#   prometheus, prometheus-alertmanager   : promtool checks the generated rules and /metrics; a real
#                                           Alertmanager delivers an alert to a local webhook (tests)
#   chromium                              : the web UI's end-to-end tests (playwright-core drives it)
#   python3-optuna                        : the TPE comparison benchmark (run under Debian's /usr/bin/python3)
set -euo pipefail
pkgs=(libquickfix-dev libquickfix-doc g++ prometheus prometheus-alertmanager chromium python3-optuna)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "system deps: all present"; exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
