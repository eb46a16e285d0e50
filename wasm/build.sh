#!/usr/bin/env bash
# Builds wasm/kernels.wasm from the C sources beside this script.
# Needs Debian's clang-16 and lld-16 (apt-get install clang-16 lld-16); the
# output is byte-for-byte reproducible with them, which tests/wasm_build_test.ts checks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/kernels.wasm}"
clang-16 --target=wasm32 -O3 -nostdlib \
  -msimd128 -mrelaxed-simd -matomics -mbulk-memory \
  -ffile-prefix-map="$here"=wasm \
  -Wl,--no-entry -Wl,--import-memory -Wl,--shared-memory -Wl,--max-memory=4294967296 \
  -Wl,--export=gemm_run -Wl,--export=gemm_scratch_floats -Wl,--export=col2im_run -Wl,--export=bn_forward_run -Wl,--export=bn_backward_run -Wl,--export=leaky_relu_run -Wl,--export=leaky_relu_grad_run -Wl,--export=sum_rows_run \
  -Wl,--export=__heap_base -Wl,--export=__stack_pointer \
  -o "$out" "$here"/*.c
