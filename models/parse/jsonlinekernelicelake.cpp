// The AVX-512 build of the JSON line reader; this file alone is compiled with the
// AVX-512 flags simdjson's icelake kernel needs (models/CMakeLists.txt).
#include "jsonlinekernel.h"

#if defined(__x86_64__) && defined(__AVX512VBMI2__)
#define VIGIL_JSON_KERNEL icelakekernel
#define VIGIL_JSON_KERNEL_NAME "icelake"
#define VIGIL_JSON_KERNEL_FACTORY makeIcelakeJsonKernelUnchecked
#include "jsonlinekernelbody.h"
#endif

namespace vigil {
std::unique_ptr<JsonLineKernel> makeIcelakeJsonKernel() {
#if defined(__x86_64__) && defined(__AVX512VBMI2__)
    if (__builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("bmi") &&
        __builtin_cpu_supports("pclmul"))
        return makeIcelakeJsonKernelUnchecked();
#endif
    return nullptr;
}
} // namespace vigil
