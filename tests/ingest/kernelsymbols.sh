#!/usr/bin/env bash
# The AVX builds of the JSON reader must define no shared (weak) function outside their
# own namespaces: the linker keeps one copy of such a function for the whole program, and
# an AVX copy would then run on CPUs without AVX.
set -eu
lib=${1:?usage: kernelsymbols.sh libvigil_models.a}
bad=$(nm -C --defined-only "$lib" | awk '
    /^[^ ]+\.o:$/ { member = $1; next }
    member ~ /jsonlinekernel(haswell|icelake)/ && $2 == "W" { print member, $0 }' |
    grep -v -e 'haswellkernel::' -e 'icelakekernel::' -e 'simdjson::haswell::' -e 'simdjson::icelake::' || true)
if [ -n "$bad" ]; then
    echo "shared weak functions in AVX objects:"; echo "$bad"; exit 1
fi
echo "1 passed, 0 failed"
