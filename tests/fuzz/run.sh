#!/usr/bin/env bash
# Fuzzes one target of tests/fuzz/SimpleActors.Fuzz with AFL++ (SharpFuzz instrumentation) on its committed corpus.
#
#   tests/fuzz/run.sh <target> <seconds>          fuzz for that long; exit 1 if a crash or a hang was found
#   tests/fuzz/run.sh <target> minimize <dir>...  afl-cmin the files of <dir>... (and the committed corpus) into
#                                                 tests/fuzz/corpus/<target>; its regression-* files stay as they are
#
# Targets: sip (parser, checks, refusals, serializer), edge (the whole UDP receive path up to the entities),
# pidf, winfo (the XML readers), xcap (XCAP URIs, GET/PUT/DELETE on documents of the real usages, the pres-rules and
# xcap-diff readers, XML patch), sdp (the SDP reader and writer, the MSRP media view, MSRP offer/answer), msrp (the
# MSRP frame parser over a stream, its writer and responses), imbody (the IM bodies: CPIM, isComposing and IMDN readers
# and writers, the first byte choosing which). Needs afl++ (Debian afl++) and the dotnet tool sharpfuzz (dotnet tool restore).
# Work files (the instrumented build, afl-fuzz's output with its queue, crashes and hangs) go to
# $FUZZ_WORK/<target> (default tests/fuzz/work, ignored by git; afl-cmin refuses /tmp). docs/reliability.md says how to read and replay them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:?usage: run.sh <sip|edge|pidf|winfo|xcap|sdp|msrp|imbody> <seconds> | minimize <dir>...}"
mode="${2:?usage: run.sh <target> <seconds> | minimize <dir>...}"
case "$target" in
    sip) instrument=(SimpleActors.Sip.dll); timeout_ms=5000 ;;
    edge) instrument=(SimpleActors.Sip.dll SimpleActors.Edge.dll); timeout_ms=30000 ;;
    pidf | winfo) instrument=(SimpleActors.Presence.dll); timeout_ms=5000 ;;
    xcap) instrument=(SimpleActors.Xcap.dll SimpleActors.Presence.dll); timeout_ms=5000 ;;
    sdp) instrument=(SimpleActors.Sip.dll); timeout_ms=5000 ;;
    msrp) instrument=(SimpleActors.Msrp.dll); timeout_ms=5000 ;;
    imbody) instrument=(SimpleActors.Msrp.dll); timeout_ms=5000 ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac

work="${FUZZ_WORK:-$root/tests/fuzz/work}/$target"
corpus="$root/tests/fuzz/corpus/$target"
mkdir -p "$work"

# One build at a time (targets may be started side by side), then a private instrumented copy per target.
(
    flock 9
    dotnet build "$root/tests/fuzz/SimpleActors.Fuzz/SimpleActors.Fuzz.csproj" -c Release -o "$work/build" -nologo -v quiet >"$work/build.log" 2>&1 \
        || { cat "$work/build.log"; exit 1; }
) 9>"${FUZZ_WORK:-$root/tests/fuzz/work}/.build.lock"
rm -rf "$work/bin"
cp -r "$work/build" "$work/bin"
for dll in "${instrument[@]}"; do
    (cd "$root" && dotnet tool run sharpfuzz "$work/bin/$dll" >/dev/null)
done

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
run=("$(readlink -f "$(command -v dotnet)")" "$work/bin/SimpleActors.Fuzz.dll" "$target")

if [[ "$mode" == minimize ]]; then
    shift 2
    pool="$work/pool"
    rm -rf "$pool" "$work/minimized"
    mkdir -p "$pool"
    for dir in "$corpus" "$@"; do
        [[ -d "$dir" ]] && find "$dir" -maxdepth 1 -type f ! -name 'README*' ! -name 'regression-*' -exec cp -t "$pool" {} + 2>/dev/null || true
    done
    nice -n 19 afl-cmin -i "$pool" -o "$work/minimized" -t "$timeout_ms" -m none -- "${run[@]}"
    # Inputs that once crashed a target (regression-*) stay as they are.
    find "$corpus" -maxdepth 1 -type f ! -name 'regression-*' -delete 2>/dev/null || true
    mkdir -p "$corpus"
    i=0
    for file in "$work/minimized"/*; do
        i=$((i + 1))
        cp "$file" "$corpus/$(printf '%04d' "$i")"
    done
    echo "$i files in $corpus"
    exit 0
fi

seconds="$mode"
findings="$work/findings"
rm -rf "$findings"
set +e
nice -n 19 afl-fuzz -i "$corpus" -o "$findings" -t "$timeout_ms" -m none -V "$seconds" -- "${run[@]}" >"$work/afl.log" 2>&1
status=$?
set -e

stats="$findings/default/fuzzer_stats"
if [[ ! -f "$stats" ]]; then
    tail -n 40 "$work/afl.log"
    echo "afl-fuzz did not run ($status)"
    exit 1
fi

value() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
crashes=$(find "$findings/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
hangs=$(find "$findings/default/hangs" -type f 2>/dev/null | wc -l)
echo "target $target: $(value run_time) s, $(value execs_done) executions ($(value execs_per_sec)/s), corpus $(value corpus_count)," \
    "edges $(value edges_found) of $(value total_edges) ($(value bitmap_cvg)), stability $(value stability), crashes $crashes, hangs $hangs"
if ((crashes > 0 || hangs > 0)); then
    echo "findings in $findings/default/crashes and hangs; replay one with: dotnet $work/bin/SimpleActors.Fuzz.dll $target < FILE"
    exit 1
fi
