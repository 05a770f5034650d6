# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, the `java` on PATH, then the usual install folders.

_qm_java_major() {  # prints the major version of the given java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

_qm_find_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
                   /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -x $candidate/bin/java && -x $candidate/bin/javac ]] || continue
    major=$(_qm_java_major "$candidate/bin/java")
    if [[ -n $major && $major -ge 21 ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(_qm_find_jdk); then
  echo "No JDK 21 or newer found. Install one (e.g. Temurin 21) or set JAVA_HOME to it." >&2
  exit 69
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
