#!/usr/bin/env bash
# vulncheck: run govulncheck over the provider module (the code that ships in
# the release binary) and fail when a known vulnerability is reachable.
#
# govulncheck reads the Go vulnerability database at vuln.go.dev. Where that
# host cannot be reached (machines that only reach the Go module proxy), the
# same database is built locally from the golang.org/x/vulndb module, which
# the proxy serves: its data/osv/ holds every published entry, and its
# cmd/gendb writes the database layout govulncheck reads with -db file://.
# VULNDB_VERSION picks that module version (default: latest). The result is
# cached under .bin/vulndb-<version>/.
#
# Extra arguments go to govulncheck, e.g. scripts/vulncheck.sh -show verbose.
set -euo pipefail

GOVULNCHECK_VERSION="${GOVULNCHECK_VERSION:-v1.9.0}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.bin"
cd "${repo_root}"

govulncheck="$(command -v govulncheck 2>/dev/null || true)"
if [[ -z "${govulncheck}" ]]; then
	govulncheck="${bin_dir}/govulncheck"
	if [[ ! -x "${govulncheck}" ]]; then
		echo "vulncheck: installing govulncheck ${GOVULNCHECK_VERSION} into .bin/" >&2
		mkdir -p "${bin_dir}"
		GOBIN="${bin_dir}" GOFLAGS="" go install "golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}"
	fi
fi

# Check the standard library of the toolchain the release is built with (the
# go.mod `toolchain` line), not whatever older Go happens to be installed: a
# machine with GOTOOLCHAIN=local and go1.26.8 would otherwise report the
# standard-library fixes of later patch releases. The Go command downloads
# that toolchain from the module proxy.
toolchain="$(sed -n 's/^toolchain[[:space:]]\{1,\}\(go[0-9.]*\)$/\1/p' go.mod)"
if [[ -n "${toolchain}" && "$(go env GOVERSION)" != "${toolchain}" ]]; then
	echo "vulncheck: checking with ${toolchain} (go.mod toolchain), the Go release builds use" >&2
	export GOTOOLCHAIN="${toolchain}"
fi

out="$(mktemp)"
trap 'rm -f "${out}"' EXIT
set +e
"${govulncheck}" "$@" ./... >"${out}" 2>&1
rc=$?
set -e
if ! grep -q 'fetching vulnerabilities' "${out}"; then
	cat "${out}"
	exit "${rc}"
fi

echo "vulncheck: the public vulnerability database is unreachable ($(grep -m1 'fetching vulnerabilities' "${out}" | cut -c1-160))" >&2
echo "vulncheck: building it from the golang.org/x/vulndb module instead" >&2
info="$(cd / && GOFLAGS="" go mod download -json "golang.org/x/vulndb@${VULNDB_VERSION:-latest}")"
src="$(printf '%s\n' "${info}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
ver="$(printf '%s\n' "${info}" | sed -n 's/^[[:space:]]*"Version": "\(.*\)",$/\1/p')"
[[ -d "${src}/data/osv" ]] || {
	echo "vulncheck: go mod download golang.org/x/vulndb failed; cannot check for vulnerabilities" >&2
	exit 1
}
db="${bin_dir}/vulndb-${ver}"
if [[ ! -f "${db}/index/modules.json.gz" ]]; then
	work="$(mktemp -d)"
	trap 'rm -f "${out}"; chmod -R u+w "${work}" 2>/dev/null; rm -rf "${work}"' EXIT
	# gendb reads the entries and their dates from a git repository.
	mkdir -p "${work}/repo/data"
	cp -R "${src}/data/osv" "${work}/repo/data/osv"
	chmod -R u+w "${work}/repo"
	git -C "${work}/repo" init -q
	git -C "${work}/repo" add data/osv
	GIT_AUTHOR_DATE="${ver}" GIT_COMMITTER_DATE="${ver}" \
		git -C "${work}/repo" -c user.name=vulncheck -c user.email=vulncheck@localhost commit -qm "x/vulndb ${ver}" ||
		git -C "${work}/repo" -c user.name=vulncheck -c user.email=vulncheck@localhost commit -qm "x/vulndb ${ver}"
	(cd "${src}" && GOFLAGS="-mod=mod" GOWORK=off go build -o "${work}/gendb" ./cmd/gendb)
	"${work}/gendb" -repo "${work}/repo" -out "${work}/db" >&2
	mkdir -p "${bin_dir}"
	rm -rf "${db}"
	mv "${work}/db" "${db}"
fi
echo "vulncheck: using golang.org/x/vulndb ${ver} ($(find "${db}/ID" -type f | wc -l) entries)" >&2
exec "${govulncheck}" -db "file://${db}" "$@" ./...
