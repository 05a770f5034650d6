#!/usr/bin/env bash
# Makes sure a local PostgreSQL server is running on loopback with the role and databases the test
# suite and the benchmarks use (QM_TEST_POSTGRES_* in README.md; qm_bench for BENCHMARKS.md). Meant
# for CI and developer machines where we are root and Debian's PostgreSQL is (or may be) installed.
# Safe to run again: it only does what is missing.
#
#   scripts/ensure-postgres.sh [--fresh]   --fresh drops and re-creates the test database
set -euo pipefail

ROLE=${QM_TEST_POSTGRES_USER:-qm}
PASSWORD=${QM_TEST_POSTGRES_PASSWORD:-qm}
DATABASE=${QM_TEST_POSTGRES_DB:-qm_test}
FRESH=false
[[ ${1:-} == --fresh ]] && FRESH=true

as_postgres() { runuser -u postgres -- "$@"; }

if ! command -v pg_lsclusters >/dev/null; then
  echo "Installing PostgreSQL from the distribution's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi

if [[ -z $(pg_lsclusters -h) ]]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  echo "Creating PostgreSQL $version cluster 'main'..."
  pg_createcluster "$version" main >/dev/null
fi

read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
if [[ $status != online* ]]; then
  # pg_stat_statements lets the lifecycle benchmark count statements per transition. Loading it needs
  # a start, so it is only added here, never by restarting a server that is already running.
  if ! pg_conftool -s "$version" "$cluster" show shared_preload_libraries 2>/dev/null | grep -q pg_stat_statements; then
    pg_conftool "$version" "$cluster" set shared_preload_libraries pg_stat_statements
  fi
  echo "Starting PostgreSQL $version/$cluster on port $port..."
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port"

as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
if $FRESH; then
  as_postgres psql -q -p "$port" -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)"
fi
for db in "$DATABASE" "${QM_BENCH_POSTGRES_DB:-qm_bench}"; do
  if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    as_postgres createdb -p "$port" -O "$ROLE" "$db"
  fi
done
# Statement counts for the benchmarks, when the server loaded the library (see above).
if [[ $(as_postgres psql -p "$port" -tAc "SHOW shared_preload_libraries") == *pg_stat_statements* ]]; then
  as_postgres psql -q -p "$port" -d "${QM_BENCH_POSTGRES_DB:-qm_bench}" \
    -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
fi
echo "PostgreSQL ready: jdbc:postgresql://127.0.0.1:$port/$DATABASE (role $ROLE)"
