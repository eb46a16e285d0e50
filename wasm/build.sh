#!/usr/bin/env bash
# Builds our two kernel modules from the C sources beside this script:
#   gemm.wasm     compute-bound kernels (gemm.c, col2im.c) on a shared memory
#                 of their own, run by a pool of threads (src/kernels/runtime.ts);
#   gemm_single.wasm  the same kernels on an unshared memory, for one thread:
#                 edge runtimes have neither threads nor SharedArrayBuffer;
#   inplace.wasm  memory-bound kernels (elementwise.c, batch_norm.c, adam.c, mat_vec.c, noise.c) that run in
#                 the tfjs wasm backend's memory, on tensors where they lie
#                 (src/kernels/inplace.ts). That memory is not shared: one thread.
# Needs Debian's clang-16 and lld-16 (apt-get install clang-16 lld-16); the
# output is byte-for-byte reproducible with them, which tests/wasm_build_test.ts checks.
# Usage: build.sh [OUT_DIR]   (default: this folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
exports() { for f in "$@"; do printf -- '-Wl,--export=%s ' "$f"; done; }
cc() {
  clang-16 --target=wasm32 -O3 -nostdlib -msimd128 -mrelaxed-simd -mbulk-memory \
    -ffile-prefix-map="$here"=wasm \
    -Wl,--no-entry -Wl,--import-memory -Wl,--max-memory=4294967296 \
    -Wl,--export=__stack_pointer "$@"
}
cc -matomics -Wl,--shared-memory -Wl,--export=__heap_base \
  $(exports gemm_run gemm_scratch_floats col2im_run) \
  -o "$out/gemm.wasm" "$here/gemm.c" "$here/col2im.c"
cc -Wl,--export=__heap_base $(exports gemm_run gemm_scratch_floats col2im_run) \
  -o "$out/gemm_single.wasm" "$here/gemm.c" "$here/col2im.c"
cc $(exports leaky_relu leaky_relu_grad tanh_forward tanh_grad softplus_forward sum_rows sum_squares_rows maxout maxout_grad bn_forward bn_backward adam mat_vec gaussian_noise) \
  -o "$out/inplace.wasm" "$here/elementwise.c" "$here/batch_norm.c" "$here/adam.c" "$here/mat_vec.c" "$here/noise.c"
