#!/usr/bin/env bash
# Starts and stops the Stoplight Prism mocks the contract tests run against.
#
#   bash .ci/prism.sh start   # npm ci if needed, start both mocks, wait until they answer
#   bash .ci/prism.sh stop    # stop them (no-op when none is running)
#
# Mocks (static examples, loopback only):
#   http://127.0.0.1:4010  tests/contract/twilio_api_v2010.json  (api.twilio.com)
#   http://127.0.0.1:4011  tests/contract/twilio_voice_v1.json   (voice.twilio.com)
#   http://127.0.0.1:4012  tests/contract/twilio_content_v1.json        (content.twilio.com)
#   http://127.0.0.1:4013  tests/contract/twilio_assistants_v1.json     (assistants.twilio.com)
#   http://127.0.0.1:4014  tests/contract/twilio_conversations_v1.json  (conversations.twilio.com)
#   http://127.0.0.1:4015  tests/contract/twilio_sync_v1.json           (sync.twilio.com)
#   http://127.0.0.1:4016  tests/contract/twilio_messaging_v1.json      (messaging.twilio.com)
#   http://127.0.0.1:4017  tests/contract/twilio_iam_organizations.json (preview-iam.twilio.com)
#   http://127.0.0.1:4018  tests/contract/twilio_oauth_v2.json          (oauth.twilio.com)
# Logs: target/prism-<name>.log, pids: target/prism-<name>.pid.
# Environment: PRISM_START_TIMEOUT (seconds per mock, default 120).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PRISM="$ROOT/node_modules/.bin/prism"
RUN_DIR="$ROOT/target"
HOST=127.0.0.1
START_TIMEOUT="${PRISM_START_TIMEOUT:-120}"

# name port document
MOCKS=(
  "api_v2010 4010 tests/contract/twilio_api_v2010.json"
  "voice_v1 4011 tests/contract/twilio_voice_v1.json"
  "content_v1 4012 tests/contract/twilio_content_v1.json"
  "assistants_v1 4013 tests/contract/twilio_assistants_v1.json"
  "conversations_v1 4014 tests/contract/twilio_conversations_v1.json"
  "sync_v1 4015 tests/contract/twilio_sync_v1.json"
  "messaging_v1 4016 tests/contract/twilio_messaging_v1.json"
  "iam_organizations 4017 tests/contract/twilio_iam_organizations.json"
  "oauth_v2 4018 tests/contract/twilio_oauth_v2.json"
)

log() { echo "prism.sh: $*" >&2; }

# Prints the pid recorded for NAME if that process is still alive.
live_pid() {
  local pidfile="$RUN_DIR/prism-$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a stale pid file whose pid now belongs to another process.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'prism mock' || return 1
  echo "$pid"
}

# True once something answers HTTP on PORT (any status code).
answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST:$1/" 2>/dev/null || true)"
  [[ "$code" =~ ^[1-5][0-9][0-9]$ ]]
}

ensure_prism() {
  if [[ ! -x "$PRISM" ]]; then
    log "installing Prism (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
  [[ -x "$PRISM" ]] || { log "npm ci did not install $PRISM"; exit 1; }
}

stop_one() {
  local name="$1" pid i
  if pid="$(live_pid "$name")"; then
    # prism is started in its own process group (setsid): end the whole group.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$RUN_DIR/prism-$name.pid"
}

# Stops the mocks this invocation started, then fails.
STARTED=()
abort() {
  local name
  for name in "${STARTED[@]-}"; do
    [[ -n "$name" ]] && stop_one "$name"
  done
  exit 1
}

start() {
  command -v curl >/dev/null || { log "curl is required"; exit 1; }
  ensure_prism
  mkdir -p "$RUN_DIR"

  local entry name port doc pid
  for entry in "${MOCKS[@]}"; do
    read -r name port doc <<<"$entry"
    [[ -f "$doc" ]] || { log "missing $doc"; abort; }
    if pid="$(live_pid "$name")" && answers "$port"; then
      log "$name already running (pid $pid) on http://$HOST:$port"
      continue
    fi
    stop_one "$name"
    if answers "$port"; then
      log "port $port is taken by another process; cannot start $name"
      abort
    fi
    # setsid: own process group, so stop can end prism and anything it forks.
    SCARF_ANALYTICS=false setsid "$PRISM" mock "$doc" \
      --host "$HOST" --port "$port" --dynamic=false --cors=false --verboseLevel=info \
      </dev/null >"$RUN_DIR/prism-$name.log" 2>&1 &
    echo "$!" >"$RUN_DIR/prism-$name.pid"
    STARTED+=("$name")
  done

  local deadline t0
  for entry in "${MOCKS[@]}"; do
    read -r name port doc <<<"$entry"
    t0=$SECONDS
    deadline=$((SECONDS + START_TIMEOUT))
    until answers "$port"; do
      pid="$(cat "$RUN_DIR/prism-$name.pid" 2>/dev/null || true)"
      if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
        log "$name exited before answering on port $port; last lines of target/prism-$name.log:"
        tail -n 40 "$RUN_DIR/prism-$name.log" >&2 || true
        abort
      fi
      if ((SECONDS >= deadline)); then
        log "$name did not answer on port $port within ${START_TIMEOUT}s; last lines of target/prism-$name.log:"
        tail -n 40 "$RUN_DIR/prism-$name.log" >&2 || true
        abort
      fi
      sleep 0.5
    done
    if [[ " ${STARTED[*]-} " == *" $name "* ]]; then
      log "$name up on http://$HOST:$port (waited $((SECONDS - t0))s)"
    fi
  done
}

stop() {
  local entry name port doc
  for entry in "${MOCKS[@]}"; do
    read -r name port doc <<<"$entry"
    stop_one "$name"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
