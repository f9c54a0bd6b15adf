# Sourced by ./parley and ./build: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, then every JDK under /usr/lib/jvm (newest first), then java on PATH.

parley_java_major() {
    # Prints the feature version of the JDK at $1 (from its release file, else from java -version).
    local home=$1 v=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
    fi
    [ -n "$v" ] && echo "$v"
}

parley_find_jdk() {
    local want=25 candidate major jvms=${PARLEY_JVM_DIR:-/usr/lib/jvm}
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if [ -d "$jvms" ]; then
        while IFS= read -r candidate; do candidates+=("$candidate"); done \
            < <(ls -d "$jvms"/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
    fi
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for candidate in "${candidates[@]}"; do
        major=$(parley_java_major "$candidate") || continue
        if [ "$major" -ge "$want" ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "parley: no JDK $want or newer found (looked at \$JAVA_HOME, $jvms/* and java on PATH); install one, e.g. Temurin 25 (https://adoptium.net), and set JAVA_HOME to it." >&2
    return 1
}
