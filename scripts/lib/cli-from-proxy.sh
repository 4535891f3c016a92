# shellcheck shell=bash
# Shared by scripts/ensure-terraform-latest.sh and scripts/ensure-tofu.sh:
# building a Terraform-compatible CLI from its Go module on the module proxy.
# Source it; every message goes to stderr, prefixed with $cli_log_prefix.

# cli_version <binary>: the "terraform_version" that `<binary> version -json`
# reports (OpenTofu uses the same key), e.g. 1.14.9; empty if none.
cli_version() {
	"$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p'
}

# cli_enter_module_copy <module> <version>: `go mod download` the module and
# cd into a writable copy of it in a temporary directory (removed on exit),
# since the module cache is read-only and the callers edit or build in place.
cli_enter_module_copy() {
	local module="$1" version="$2" src
	src="$(cd / && GOFLAGS="" go mod download -json "${module}@v${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
	[[ -d "${src}" ]] || {
		echo "${cli_log_prefix}: go mod download ${module}@v${version} failed" >&2
		exit 1
	}
	cli_work="$(mktemp -d)"
	trap 'chmod -R u+w "${cli_work}" 2>/dev/null; rm -rf "${cli_work}"' EXIT
	cp -R "${src}/." "${cli_work}/"
	chmod -R u+w "${cli_work}"
	cd "${cli_work}"
}

# cli_build <out> <module> <main package> <start seconds>: build the copy
# entered by cli_enter_module_copy into <out> (trimmed paths, a clean version
# string), then print <out> on stdout.
cli_build() {
	local out="$1" module="$2" pkg="$3" start="$4"
	mkdir -p "$(dirname "${out}")"
	GOFLAGS="-mod=mod" GOWORK=off go build -trimpath \
		-ldflags "-s -w -X ${module}/version.dev=no" \
		-o "${out}.tmp" "${pkg}" >&2
	mv "${out}.tmp" "${out}"
	echo "${cli_log_prefix}: built ${out} in $(($(date +%s) - start)) s" >&2
	printf '%s\n' "${out}"
}
