#!/bin/sh
# A stand-in for a coding-agent CLI, driven by CliBackendTest through FakeCliProtocol.
# It prints JSON lines: {"text":"..."} is a text delta, {"done":true} ends the answer,
# {"pid":N} names a process of its tree. The test writes the prompt as the first line of
# stdin; "read go" waits until the test writes a second line (or closes stdin).
# Usage: sh fake-cli.sh MODE

case "$1" in
stream)
    read prompt
    echo '{"text":"Hello"}'
    echo '{"text":" from"}'
    echo "{\"text\":\" fake: $prompt\"}"
    echo '{"done":true}'
    ;;
sealed)
    # Reports the folders it was given, then changes its settings and its working folder.
    read prompt
    printf '{"text":"home=%s|tmp=%s|config=%s|pwd=%s|config-files=%s|pwd-files=%s"}\n' \
        "$HOME" "$TMPDIR" "$FAKE_CLI_HOME" "$(pwd)" "$(ls -A "$FAKE_CLI_HOME" | tr '\n' ',')" "$(ls -A | tr '\n' ',')"
    echo changed > "$FAKE_CLI_HOME/settings.json"
    echo changed > "$HOME/.profile"
    echo changed > settings.local.json
    echo '{"done":true}'
    ;;
deaf)
    # Never reads stdin.
    echo '{"text":"not listening"}'
    echo '{"done":true}'
    ;;
garbage)
    echo 'Loading model...'
    echo '{"text":"Hel'
    echo '{"text":"Hello"}'
    echo ''
    printf '\033[31mwarning: colours\033[0m\n'
    echo '[1, 2, 3]'
    printf '{"text":" world"}\r\n'
    echo '{"done":true}'
    ;;
crash)
    echo '{"text":"Hello"}'
    echo 'fatal: the model fell over' >&2
    exit 3
    ;;
quiet-fail)
    i=0
    while [ $i -lt 2000 ]; do
        echo "noise line $i ......................................" >&2
        i=$((i + 1))
    done
    echo 'error: invalid API key' >&2
    exit 2
    ;;
silent)
    echo "{\"pid\":$$}"
    echo '{"text":"thinking"}'
    sleep 1000
    ;;
chatty)
    while :; do
        echo '{"text":"."}'
        sleep 0.2
    done
    ;;
huge)
    # 50,000 lines of 1,000 characters of text: 50 MB.
    chunk=$(printf '%01000d' 0)
    yes "{\"text\":\"$chunk\"}" | head -n 50000
    echo '{"done":true}'
    ;;
long-line)
    # One line of 17,000,000 characters, over the 16 MiB limit.
    echo "{\"pid\":$$}"
    printf '{"text":"'
    head -c 17000000 /dev/zero | tr '\0' a
    echo '"}'
    echo '{"done":true}'
    ;;
wait-then-print)
    # Names itself, then prints without end.
    echo "{\"pid\":$$}"
    yes '{"text":"more"}'
    ;;
wait-for-go)
    echo "{\"pid\":$$}"
    read prompt
    echo '{"text":"ready"}'
    read go
    echo '{"text":" and done"}'
    echo '{"done":true}'
    ;;
family)
    # A child shell with a grandchild sleep; both inherit stdout.
    echo "{\"pid\":$$}"
    sh -c 'sleep 1000 & echo "{\"pid\":$!}"; echo "{\"pid\":$$}"; wait' &
    read prompt
    read go
    echo '{"done":true}'
    ;;
stubborn)
    # Ignores SIGTERM, and so does its child.
    trap '' TERM
    echo "{\"pid\":$$}"
    sleep 1000 &
    echo "{\"pid\":$!}"
    echo '{"text":"still here"}'
    wait
    ;;
*)
    echo "unknown mode: $1" >&2
    exit 64
    ;;
esac
