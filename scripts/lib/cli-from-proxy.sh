# shellcheck shell=bash
# Shared by scripts/ensure-terraform.sh, scripts/ensure-terraform-latest.sh
# and scripts/ensure-tofu.sh: building a Terraform-compatible CLI from its Go
# module on the module proxy, so a machine with only Go and git gets every CLI
# the tests need. Source it; every message goes to stderr, prefixed with
# $cli_log_prefix.

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

# cli_build_terraform <version> <out>: build Terraform <version> (1.11 or
# newer) from the Go module proxy into <out>, then print <out> on stdout.
#
# `go install github.com/hashicorp/terraform@v1.x` fails from 1.6 on: its
# go.mod replaces nested modules (the remote-state backends and
# internal/legacy) with ./internal/... paths that are not in the module zip.
# So we copy the downloaded module, drop those replace/require lines, and
# remove the remote-state backends they provide (azurerm, consul, cos, gcs,
# kubernetes, oss, pg, s3, and oci in newer releases) from
# internal/backend/init/init.go. local, remote, http, inmem and cloud stay.
cli_build_terraform() {
	local version="$1" out="$2" start init_go b
	start=$(date +%s)
	cli_enter_module_copy github.com/hashicorp/terraform "${version}"

	# Drop the nested modules that are not in the zip.
	sed -i -E '/github\.com\/hashicorp\/terraform\/internal\/(backend\/remote-state\/[a-z0-9]+|legacy)[[:space:]]/d' go.mod
	# 1.11 sets `godebug tlskyber=0`, a setting Go 1.26 no longer knows
	# ("unknown godebug"); newer Go has no draft Kyber key exchange to disable.
	sed -i -E '/^godebug[[:space:]]+tlskyber=/d' go.mod
	init_go=internal/backend/init/init.go
	for b in azure consul cos gcs kubernetes oci oss pg s3; do
		sed -i -E "/\"github\.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/${b}\"/d" "${init_go}"
	done
	sed -i -E '/"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)":[[:space:]]+func\(\)/d' "${init_go}"

	cli_build "${out}" github.com/hashicorp/terraform . "${start}"
}
